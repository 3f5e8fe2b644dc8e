import { DateTime } from "luxon";
import type { DownloadFile } from "@/lib/api/download";
import type { UserView } from "@/lib/auth/schema";
import { noConference } from "@/lib/conference/current-conference";
import { fail, ok, type Result } from "@/lib/errors";
import type { RecapErrorCode } from "./errors";
import type { RecapDeps } from "./recap-deps";
import type { RecapSessionRow } from "./repo";
import { cardOf, met } from "./recap-views";
import { type VcardPerson, vcardsOf } from "./vcard";

const VCARD = "text/vcard; charset=utf-8";

/** Everyone the viewer met, one card each (one file), with what they met about in the note. */
export async function downloadVcards(deps: RecapDeps, viewer: UserView): Promise<Result<DownloadFile, RecapErrorCode>> {
  const cards = await metCards(deps, viewer);
  if (!cards.ok) return cards;
  if (cards.value.length === 0) return fail("NOT_MET", "You have not met anyone at Mingle yet: cards are here once an agreed session has started.");
  return ok({ body: vcardsOf(cards.value), filename: "mingle-contacts.vcf", contentType: VCARD });
}

/** One person's card, only for someone the viewer met; anyone else is refused with the same 404 whether they exist or not. */
export async function downloadVcard(deps: RecapDeps, viewer: UserView, personId: string): Promise<Result<DownloadFile, RecapErrorCode>> {
  const cards = await metCards(deps, viewer);
  if (!cards.ok) return cards;
  const card = cards.value.find((c) => c.uid.endsWith(`/people/${encodeURIComponent(personId)}`));
  if (!card) return fail("NOT_MET", "You can only download the card of someone you met at a Mingle session.");
  return ok({ body: vcardsOf([card]), filename: `${card.name}.vcf`, contentType: VCARD });
}

async function metCards(deps: RecapDeps, viewer: UserView): Promise<Result<VcardPerson[], RecapErrorCode>> {
  const c = await deps.conference();
  if (!c) return noConference();
  const now = deps.now();
  const base = deps.publicUrl.replace(/\/$/, "");
  const rows = (await deps.repo.sessions(c.id, viewer.id, now)).filter((s) => met(s, now));
  const byPerson = new Map<string, RecapSessionRow[]>();
  for (const s of rows) byPerson.set(s.other.id, [...(byPerson.get(s.other.id) ?? []), s]);
  return ok(
    [...byPerson.values()].map((sessions) => {
      const card = cardOf(viewer, sessions[0]!, now, base);
      const topics = sessions.map(
        (s) => `${s.offerTitle} (${DateTime.fromJSDate(s.slotStartUtc).setZone(c.timeZone).toFormat("yyyy-MM-dd HH:mm")}${s.table ? `, table ${s.table.label}` : ""})`,
      );
      return {
        uid: card.profileUrl,
        name: card.name,
        email: card.email,
        organization: card.company,
        title: card.headline || null,
        url: card.profileUrl,
        note: `Met at ${c.name}: ${topics.join("; ")}`,
        categories: ["Mingle", c.name],
        revision: now,
      };
    }),
  );
}

import type { UserView } from "@/lib/auth/schema";
import { noConference } from "@/lib/conference/current-conference";
import { ok, type Result } from "@/lib/errors";
import type { RecapDeps } from "./recap-deps";
import { labView, met, sessionView } from "./recap-views";
import type { RecapErrorCode } from "./errors";
import type { RecapView } from "./schema";

export const RECAP_NOTES = ["Lab recordings arrive with the lab workspace; until then a lab shows its template, when it started and how long the shell took."];

/** The whole conference for one attendee: sessions held so far, the people met, notes and ratings given, labs used. */
export async function getRecap(deps: RecapDeps, viewer: UserView): Promise<Result<RecapView, RecapErrorCode>> {
  const c = await deps.conference();
  if (!c) return noConference();
  const now = deps.now();
  const base = deps.publicUrl.replace(/\/$/, "");
  const [rows, labs] = await Promise.all([deps.repo.sessions(c.id, viewer.id, now), deps.repo.labs(viewer.id, 100)]);
  const sessions = rows.map((s) => sessionView(viewer, s, now, c.timeZone, base));
  const people = new Map<string, RecapView["people"][number]>();
  rows.forEach((row, i) => {
    if (!met(row, now)) return;
    const card = sessions[i]!.with;
    const seen = people.get(card.id);
    people.set(card.id, { ...(seen ?? card), email: seen?.email ?? card.email, sessions: (seen?.sessions ?? 0) + 1 });
  });
  return ok({
    conference: { name: c.name, timeZone: c.timeZone },
    sessions,
    people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name)),
    labs: labs.map((l) => ({ ...labView(l), sessionId: l.sessionId })),
    totals: {
      sessions: sessions.length,
      people: people.size,
      labs: labs.length,
      ratingsGiven: sessions.filter((s) => s.given.rating !== null).length,
      notesGiven: sessions.filter((s) => s.given.note).length,
    },
    notes: RECAP_NOTES,
  });
}

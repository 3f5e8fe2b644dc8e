import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { contactInSession, relationInSession } from "@/lib/booking/contact-visibility";
import { visibleProfile } from "@/lib/profiles/rules";
import type { RecapLabRow, RecapSessionRow } from "./repo";
import type { PersonCard, RecapSessionView } from "./schema";

/**
 * The recap's shapes, from the rows: contact details only as the one contact rule allows
 * (contact-visibility.ts for the e-mail, profiles' visibleProfile for company and headline), and
 * a vCard link only for someone the viewer met: the session started and nobody said it did not happen.
 */
export function met(s: Pick<RecapSessionRow, "slotStartUtc" | "saidNotHappened">, now: Date): boolean {
  return s.slotStartUtc.getTime() <= now.getTime() && !s.saidNotHappened;
}

export function cardOf(viewer: UserView, s: RecapSessionRow, now: Date, base: string): PersonCard {
  const v = { userId: viewer.id, isOrganizer: viewer.role === "ORGANIZER" };
  const relation = relationInSession(v, s.other.id, s);
  const profile = visibleProfile({ ...s.other, userId: s.other.id }, relation, (md) => md);
  return {
    id: s.other.id,
    name: s.other.name,
    headline: profile?.headline ?? "",
    company: profile?.company || null,
    email: contactInSession(v, s.other, s),
    profileUrl: `${base}/people/${encodeURIComponent(s.other.id)}`,
    vcardUrl: met(s, now) ? `/api/v1/recap/people/${encodeURIComponent(s.other.id)}/vcard` : null,
  };
}

export function labView(l: Pick<RecapLabRow, "id" | "templateName" | "status" | "createdAt" | "readyAt">) {
  return {
    id: l.id,
    template: l.templateName,
    status: l.status,
    at: l.createdAt.toISOString(),
    secondsToShell: l.readyAt ? Math.round((l.readyAt.getTime() - l.createdAt.getTime()) / 100) / 10 : null,
  };
}

export function sessionView(viewer: UserView, s: RecapSessionRow, now: Date, timeZone: string, base: string): RecapSessionView {
  const local = (d: Date) => DateTime.fromJSDate(d).setZone(timeZone);
  const over = s.slotEndUtc.getTime() <= now.getTime();
  const happened = s.saidNotHappened ? "no" : s.mine?.happened === true ? "yes" : "unknown";
  return {
    id: s.id,
    startsAt: s.slotStartUtc.toISOString(),
    endsAt: s.slotEndUtc.toISOString(),
    when: `${local(s.slotStartUtc).setLocale("en-GB").toFormat("ccc d LLL, HH:mm")}–${local(s.slotEndUtc).toFormat("HH:mm")}`,
    title: s.offerTitle,
    tags: s.offerTags,
    table: s.table?.label ?? null,
    area: s.table?.area ?? null,
    over,
    happened,
    with: cardOf(viewer, s, now, base),
    given: { checkedIn: Boolean(s.mine?.checkedInAt), happened: s.mine?.happened ?? null, rating: s.mine?.rating ?? null, note: s.mine?.note ?? null },
    labs: s.labs.map(labView),
  };
}

import type { NotificationInput } from "./ports";
import type { SessionDetail, SoonSession } from "./repo";
import { formatSessionTime } from "./time";

/**
 * Every notification booking sends, one function per kind: each builds the title, body and link
 * from the session (as it is after the change) and who acted.
 */

type Person = { name: string };

const when = (s: SessionDetail) => formatSessionTime({ startUtc: s.slotStartUtc, endUtc: s.slotEndUtc, conferenceTimeZone: s.conferenceTimeZone });
/** A person's own words after the facts, when there are any. */
const quoted = (text: string | null | undefined) => (text ? ` — “${text}”` : "");
const what = (s: SessionDetail) => `"${s.offer.title}" · ${when(s)}`;
const place = (s: SessionDetail) => `${s.table?.area.name ?? ""}${s.table?.area.location ? `, ${s.table.area.location}` : ""}`;

function notice(kind: NotificationInput["kind"], sessionId: string, title: string, body: string, dedupeKey?: string): NotificationInput {
  return { kind, title, body, link: `/sessions/${sessionId}`, sessionId, ...(dedupeKey ? { dedupeKey } : {}) };
}

export const notices = {
  requestNew: (s: SessionDetail) => notice("REQUEST_NEW", s.id, `${s.requester.name} asks for a session`, `${what(s)}${quoted(s.message)}`),

  accepted: (s: SessionDetail, by: Person) => notice("REQUEST_ACCEPTED", s.id, `${by.name} accepted your session`, `${what(s)} · table ${s.table?.label ?? "?"} (${place(s)})`),

  declined: (s: SessionDetail, by: Person) => notice("REQUEST_DECLINED", s.id, `${by.name} declined your request`, `${what(s)}${quoted(s.closedReason)}`),

  timeProposed: (s: SessionDetail, by: Person, message: string | undefined) =>
    notice("TIME_PROPOSED", s.id, `${by.name} proposed another time`, `${what(s)}${quoted(message?.trim())}`),

  cancelled: (s: SessionDetail, by: Person & { id: string }) =>
    notice("SESSION_CANCELLED", s.id, `${by.name} cancelled ${s.requesterId === by.id ? "their request" : "the session"}`, `${what(s)}${quoted(s.closedReason)}`),

  rescheduled: (s: SessionDetail, by: Person, reason: string | null) =>
    notice("SESSION_RESCHEDULED", s.id, `${by.name} moved your session`, `"${s.offer.title}" · now ${when(s)} · table ${s.table?.label ?? "?"}${quoted(reason)}`),

  deskCancelled: (s: SessionDetail) => notice("SESSION_CANCELLED", s.id, "The Mingle desk cancelled your session", `${what(s)}${quoted(s.closedReason)}`),

  tableChanged: (s: SessionDetail) => notice("TABLE_CHANGED", s.id, `Your session moved to table ${s.table?.label ?? "?"}`, `${what(s)} · ${place(s)}`),

  startsSoon: (s: SoonSession, minutes: number, dedupeKey: string) =>
    notice(
      "SESSION_SOON",
      s.id,
      `Your Mingle session starts in ${minutes} minute${minutes === 1 ? "" : "s"}`,
      `"${s.offerTitle}"${s.tableLabel ? ` · table ${s.tableLabel}${s.areaName ? ` (${s.areaName})` : ""}` : ""}`,
      dedupeKey,
    ),
};

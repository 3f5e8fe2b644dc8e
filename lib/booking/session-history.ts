import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import type { BookingDeps, BookingResult } from "./ports";
import type { SessionEventRow } from "./repo";
import type { SessionHistoryView } from "./schema";
import { visibleSession } from "./session-access";
import { isValidTimeZone } from "./slots";
import { formatInstant } from "./time";

/** Every change of a session, as the two people and organizers may read it (visibleSession decides who). */
export async function getSessionHistory(deps: BookingDeps, user: UserView, sessionId: string, viewerTz?: string): BookingResult<SessionHistoryView> {
  const s = await visibleSession(deps, user, sessionId);
  if (!s.ok) return s;
  const zone = viewerTz && isValidTimeZone(viewerTz) ? viewerTz : s.value.conferenceTimeZone;
  const events = await deps.repo.sessionEvents(sessionId);
  return ok({
    entries: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      atLabel: formatInstant(e.at, zone),
      action: e.action,
      actor: e.actor,
      from: e.fromStatus,
      to: e.toStatus,
      text: historyText(e, zone),
    })),
  });
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** One line a person reads: who did what, and what it changed. */
export function historyText(e: Pick<SessionEventRow, "action" | "actor" | "details">, zone: string): string {
  const who = e.actor?.name ?? "Someone";
  const d = e.details;
  const clock = (iso: unknown) => (str(iso) ? formatInstant(new Date(iso as string), zone) : null);
  const table = str(d.toTable) ? ` — table ${d.toTable}` : "";
  const reason = str(d.reason) ? `: “${d.reason}”` : "";
  switch (e.action) {
    case "request":
      return `${who} requested the session`;
    case "accept":
      return `${who} accepted the request${table}`;
    case "decline":
      return `${who} declined the request${reason}`;
    case "propose":
      return `${who} proposed another time${clock(d.toStart) ? ` (${clock(d.toStart)})` : ""}`;
    case "withdraw":
      return `${who} withdrew the request${reason}`;
    case "cancel":
      return `${who} cancelled the session${reason}`;
    case "reschedule":
      return `${who} moved the session${clock(d.toStart) ? ` to ${clock(d.toStart)}` : ""}${table}${reason}`;
    case "expire":
      return "The request expired: nobody answered in time";
    case "check_in":
      return `${who} checked in at the table`;
    case "feedback":
      return `${who} left feedback`;
    case "organizer_cancel":
      return `${who} (organizer) cancelled the session${reason}`;
    case "reassign_table":
      return `${who} (organizer) moved the session${str(d.fromTable) ? ` from table ${d.fromTable}` : ""}${str(d.toTable) ? ` to table ${d.toTable}` : ""}${reason}`;
  }
}

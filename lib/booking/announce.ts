import { ok } from "@/lib/errors";
import type { BookingDeps, BookingResult, NotificationInput } from "./ports";
import type { SessionDetail } from "./repo";
import type { SessionView } from "./schema";
import { toSessionView } from "./view";

/** Tells both people's open pages (and everyone's availability views) that a session changed. */
export function emitChange(deps: BookingDeps, s: Pick<SessionDetail, "id" | "requesterId" | "expertId">): void {
  try {
    deps.events.toUser(s.requesterId, "booking:changed", { sessionId: s.id });
    deps.events.toUser(s.expertId, "booking:changed", { sessionId: s.id });
    deps.events.toAll("availability:changed", {});
  } catch (error) {
    deps.log?.("booking.emit_failed", { error: String(error) });
  }
}

export async function tell(deps: BookingDeps, userId: string, n: NotificationInput): Promise<void> {
  try {
    await deps.notifier.notify(userId, n);
  } catch (error) {
    // A lost toast must not undo a booking that PostgreSQL already committed.
    deps.log?.("booking.notify_failed", { userId, kind: n.kind, error: String(error) });
  }
}

/**
 * After a committed change: both people's pages refresh, `tellTo` hears about it, and the one who
 * acted gets the session as it is now.
 */
export async function announce(
  deps: BookingDeps,
  s: SessionDetail,
  tellTo: { userIds: string[]; notice: NotificationInput } | null,
  viewerId: string,
  now: Date,
  viewerTz?: string,
): BookingResult<SessionView> {
  emitChange(deps, s);
  for (const userId of tellTo?.userIds ?? []) await tell(deps, userId, tellTo!.notice);
  return ok(toSessionView(s, viewerId, now, viewerTz));
}

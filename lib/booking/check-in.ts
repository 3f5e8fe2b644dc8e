import type { UserView } from "@/lib/auth/schema";
import { fail } from "@/lib/errors";
import { announce } from "./announce";
import type { BookingDeps, BookingResult } from "./ports";
import type { SessionView } from "./schema";
import { ownAccepted } from "./session-access";
import { isCheckInOpen } from "./session-windows";

/** "We're here": records my arrival at the table, from 10 minutes before the slot until it ends. */
export async function checkIn(deps: BookingDeps, user: UserView, sessionId: string): BookingResult<SessionView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  if (!isCheckInOpen(s.value, now)) {
    return fail("NOT_DURING_SESSION", "Check in at the table from 10 minutes before the session until it ends.");
  }
  await deps.repo.checkIn(sessionId, user.id, now);
  const fresh = (await deps.repo.session(sessionId))!;
  return announce(deps, fresh, null, user.id, now);
}

import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { CancelInput, SessionView } from "./schema";
import { otherOf } from "./session-access";
import { seatConflict, transition } from "./transition";

/** Withdraws a request, or cancels an agreed session (then a reason is required). */
export async function cancel(deps: BookingDeps, user: UserView, sessionId: string, input: CancelInput, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      // Organizers cancel through their own endpoint, which writes the audit trail.
      const t = rules.cancel(s, { userId: user.id, isOrganizer: false }, now, input.reason);
      if (!t.ok) return t;
      // A requester taking back a pending request withdraws it; everything else is a cancellation.
      const action = s.status === "PENDING" && s.requesterId === user.id ? "withdraw" : "cancel";
      return ok({ transition: t.value, closedById: user.id, event: { actorId: user.id, action } });
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [otherOf(s, user.id).id], notice: notices.cancelled(s, user) }, user.id, now, viewerTz);
}

import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { SessionView } from "./schema";
import { changedMeanwhile, transition } from "./transition";

/** The Mingle desk cancels a session for an attendee: a reason is required and goes to the audit trail. */
export async function organizerCancel(deps: BookingDeps, organizer: UserView, sessionId: string, input: { reason: string }, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      const t = rules.cancel(s, { userId: organizer.id, isOrganizer: true }, now, input.reason);
      if (!t.ok) return t;
      return ok({
        transition: t.value,
        closedById: organizer.id,
        event: { actorId: organizer.id, action: "organizer_cancel" },
        audit: {
          actorId: organizer.id,
          action: "session.cancel",
          details: { reason: t.value.next.closedReason, from: t.value.from, requesterId: s.requesterId, expertId: s.expertId },
        },
      });
    },
    changedMeanwhile,
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [s.requester.id, s.expert.id], notice: notices.deskCancelled(s) }, organizer.id, now, viewerTz);
}

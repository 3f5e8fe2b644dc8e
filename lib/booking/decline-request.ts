import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { SessionView } from "./schema";
import { actorOf, otherOf } from "./session-access";
import { seatConflict, transition } from "./transition";

/** The one whose turn it is says no (optionally why); the slot is free again for both. */
export async function declineRequest(deps: BookingDeps, user: UserView, sessionId: string, input: { reason?: string }, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const actor = actorOf(user);
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      const t = rules.decline(s, actor, now, input.reason);
      return t.ok ? ok({ transition: t.value, holdValidAt: now, closedById: user.id, event: { actorId: user.id, action: "decline" } }) : t;
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [otherOf(s, user.id).id], notice: notices.declined(s, user) }, user.id, now, viewerTz);
}

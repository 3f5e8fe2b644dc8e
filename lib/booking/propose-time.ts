import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { currentConference } from "./conference";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import { resolveSlot } from "./resolve-slot";
import * as rules from "./rules";
import type { SessionView } from "./schema";
import { actorOf, otherOf } from "./session-access";
import { slotOf } from "./slot-view";
import { expertFreeAt, seatConflict, transition } from "./transition";

/** The one whose turn it is suggests another slot; the turn passes to the other person. */
export async function proposeTime(
  deps: BookingDeps,
  user: UserView,
  sessionId: string,
  input: { slotStart: Date; message?: string },
  viewerTz?: string,
): BookingResult<SessionView> {
  const now = deps.now();
  const actor = actorOf(user);
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const slot = await resolveSlot(deps, conf.value, input.slotStart, now);
  if (!slot.ok) return slot;
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      const t = rules.propose(s, actor, now, slotOf(slot.value), deps.config.holdMinutes, deps.config.walkupMinutes);
      if (!t.ok) return t;
      const free = await expertFreeAt(deps, user.id, s, slot.value.id);
      return free.ok ? ok({ transition: t.value, holdValidAt: now, event: { actorId: user.id, action: "propose" } }) : free;
    },
    (s, t) => seatConflict(deps, user.id, otherOf(s, user.id), t.next.slotId),
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [otherOf(s, user.id).id], notice: notices.timeProposed(s, user, input.message) }, user.id, now, viewerTz);
}

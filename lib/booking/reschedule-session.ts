import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { currentConference } from "./conference";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import { resolveSlot } from "./resolve-slot";
import * as rules from "./rules";
import type { RescheduleInput, SessionView } from "./schema";
import { actorOf, otherOf } from "./session-access";
import { slotOf } from "./slot-view";
import { chooseTable, expertFreeAt, seatConflict, transition } from "./transition";

/** Moves an agreed session to another slot the expert has free; a table is assigned again. */
export async function reschedule(deps: BookingDeps, user: UserView, sessionId: string, input: RescheduleInput, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const reason = rules.checkReason(input.reason);
  if (!reason.ok) return reason;
  const slot = await resolveSlot(deps, conf.value, input.slotStart, now);
  if (!slot.ok) return slot;
  const target = slotOf(slot.value);
  const result = await transition(
    deps,
    sessionId,
    async (s, tried) => {
      const probe = rules.reschedule(s, actorOf(user), now, target, "probe", input.reason);
      if (!probe.ok) return probe;
      const free = await expertFreeAt(deps, user.id, s, target.slotId);
      if (!free.ok) return free;
      const table = await chooseTable(deps, s.conferenceId, s.expertId, target.slotId, tried, s.id);
      if (!table.ok) return table;
      const t = rules.reschedule(s, actorOf(user), now, target, table.value.id, input.reason);
      if (!t.ok) return t;
      return ok({
        transition: t.value,
        event: { actorId: user.id, action: "reschedule", details: { toTable: table.value.label, ...(reason.value ? { reason: reason.value } : {}) } },
      });
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), target.slotId),
    20,
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [otherOf(s, user.id).id], notice: notices.rescheduled(s, user, reason.value) }, user.id, now, viewerTz);
}

import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { announce } from "./announce";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { SessionView } from "./schema";
import { actorOf, otherOf } from "./session-access";
import { chooseTable, seatConflict, transition } from "./transition";

/** The one whose turn it is agrees: a free table is assigned and the other person is told where. */
export async function acceptRequest(deps: BookingDeps, user: UserView, sessionId: string, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const actor = actorOf(user);
  const result = await transition(
    deps,
    sessionId,
    async (s, tried) => {
      // The rule checks turn and hold first, so a stranger learns nothing about tables.
      const probe = rules.accept(s, actor, now, "probe");
      if (!probe.ok) return probe;
      const table = await chooseTable(deps, s.conferenceId, s.expertId, s.slotId, tried, s.id);
      if (!table.ok) return table;
      const t = rules.accept(s, actor, now, table.value.id);
      return t.ok ? ok({ transition: t.value, holdValidAt: now, event: { actorId: user.id, action: "accept", details: { toTable: table.value.label } } }) : t;
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
    20,
  );
  if (!result.ok) return result;
  const s = result.value;
  return announce(deps, s, { userIds: [otherOf(s, user.id).id], notice: notices.accepted(s, user) }, user.id, now, viewerTz);
}

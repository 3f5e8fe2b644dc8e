import type { UserView } from "@/lib/auth/schema";
import { fail, ok } from "@/lib/errors";
import { announce } from "./announce";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { ReassignTableInput, SessionView } from "./schema";
import { changedMeanwhile, transition } from "./transition";

/** The Mingle desk moves an agreed session to another table in the same slot (written to the audit trail). */
export async function organizerReassignTable(deps: BookingDeps, organizer: UserView, sessionId: string, input: ReassignTableInput, viewerTz?: string): BookingResult<SessionView> {
  const now = deps.now();
  const reason = rules.checkReason(input.reason);
  if (!reason.ok) return reason;
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      const table = await deps.repo.tableInConference(input.tableId, s.conferenceId);
      if (!table) return fail("NOT_FOUND", "No such table at this conference.");
      const t = rules.reassignTable(s, { userId: organizer.id, isOrganizer: true }, now, table);
      if (!t.ok) return t;
      return ok({
        transition: t.value,
        event: { actorId: organizer.id, action: "reassign_table", details: { toTable: table.label, ...(reason.value ? { reason: reason.value } : {}) } },
        audit: { actorId: organizer.id, action: "session.reassign_table", details: { fromTableId: s.tableId, toTableId: input.tableId, reason: reason.value } },
      });
    },
    changedMeanwhile,
    1,
  );
  if (!result.ok) {
    if (result.code === "STALE_STATE") {
      // One attempt only: a TABLE_TAKEN conflict must be reported, not silently moved elsewhere.
      const s = await deps.repo.session(sessionId);
      const taken = s ? await deps.repo.takenTableIds(s.slotId) : new Set<string>();
      if (taken.has(input.tableId)) return fail("TABLE_TAKEN", "Another session already uses that table in this slot; pick a free one.");
    }
    return result;
  }
  const s = result.value;
  return announce(deps, s, { userIds: [s.requester.id, s.expert.id], notice: notices.tableChanged(s) }, organizer.id, now, viewerTz);
}

import { fail, ok, type Result } from "@/lib/errors";
import type { BookingErrorCode } from "./errors";
import type { BookingDeps, BookingResult } from "./ports";
import type { AuditInput, SessionDetail, SessionEventInput, TableRow } from "./repo";
import * as rules from "./rules";
import { notFound } from "./session-access";
import { admitWrite } from "./write-admission";

/** One write a use case wants, as the rules decided it. */
export interface Attempt {
  transition: rules.Transition;
  holdValidAt?: Date;
  closedById?: string | null;
  /** The organizer desk's trail (AuditEntry). */
  audit?: AuditInput;
  /** Who did what, for the session's history; written with the change, from → to added by the repo. */
  event: SessionEventInput;
}

/** What a history entry says beyond from → to: the moved slot or table and the reason given. */
function changeDetails(s: SessionDetail, next: rules.SessionState): Record<string, unknown> {
  return {
    ...(next.slotId !== s.slotId ? { fromStart: s.slotStartUtc.toISOString(), toStart: next.slotStartUtc.toISOString() } : {}),
    ...(next.tableId !== s.tableId && s.table ? { fromTable: s.table.label } : {}),
    ...(next.closedReason && next.closedReason !== s.closedReason ? { reason: next.closedReason } : {}),
  };
}

/**
 * Compare-and-set loop: read the row, let the rule decide, write `WHERE id AND status AND
 * sequence`. Losing the race means re-reading, so the rule reports what actually happened
 * (NOT_PENDING, HOLD_EXPIRED, ...); TABLE_TAKEN means another table is tried. The whole loop is one
 * booking write for the admission gate (write-admission.ts).
 */
export function transition(
  deps: BookingDeps,
  sessionId: string,
  decide: (s: SessionDetail, takenTables: ReadonlySet<string>) => Promise<Result<Attempt, BookingErrorCode>>,
  onSeatConflict: (s: SessionDetail, t: rules.Transition) => BookingResult<never>,
  maxAttempts = 8,
): BookingResult<SessionDetail> {
  return admitWrite(deps, async () => {
    const triedTables = new Set<string>();
    // A lost table race does not use up an attempt: each retry excludes one more table, so those
    // retries end by themselves (a table found, or NO_TABLE_FREE) even when dozens accept at once.
    for (let attempt = 0; attempt < maxAttempts; ) {
      const s = await deps.repo.session(sessionId);
      if (!s) return notFound();
      const decided = await decide(s, triedTables);
      if (!decided.ok) return decided;
      const a = decided.value;
      const event = { ...a.event, details: { ...changeDetails(s, a.transition.next), ...a.event.details } };
      const written = await deps.repo.applyTransition(a.transition, { holdValidAt: a.holdValidAt, closedById: a.closedById, audit: a.audit, event });
      if (written.ok) {
        const fresh = await deps.repo.session(sessionId);
        return fresh ? ok(fresh) : notFound();
      }
      if (written.code === "TABLE_TAKEN" && a.transition.next.tableId && !triedTables.has(a.transition.next.tableId)) {
        triedTables.add(a.transition.next.tableId);
        continue;
      }
      if (written.code === "SEAT_TAKEN") return onSeatConflict(s, a.transition);
      // STALE_STATE: someone moved first; the next round re-reads and the rule explains.
      attempt++;
    }
    return fail("STALE_STATE", "This session changed while you were answering; reload and try again.");
  });
}

/**
 * A free table for the expert in that slot (their preferred area first), skipping tables lost in
 * this attempt. The first try takes the first table in reading order; after a lost race the
 * others who lost it would all try the same next one (n racers, n rounds: what made a burst of
 * accepts in one slot slow), so a retry takes one of the best area's free tables by the session id.
 */
export async function chooseTable(deps: BookingDeps, conferenceId: string, expertId: string, slotId: string, tried: ReadonlySet<string>, sessionId = ""): BookingResult<TableRow> {
  const [tables, taken, preferred] = await Promise.all([deps.repo.tables(conferenceId), deps.repo.takenTableIds(slotId), deps.repo.preferredAreaId(expertId)]);
  const spread = tried.size === 0 ? 0 : spreadIndex(`${sessionId}:${tried.size}`);
  const picked = rules.pickTable(tables, new Set([...taken, ...tried]), preferred, spread);
  if (!picked.ok) {
    if (picked.code === "NO_TABLE_FREE") await noteNoTableFree(deps, { conferenceId, slotId, sessionId: sessionId || null, userId: null, at: deps.now() });
    return picked;
  }
  return ok(tables.find((t) => t.id === picked.value.id)!);
}

/** "Tables ran out" for the organizer's analytics; a lost record must not change the answer the person gets. */
async function noteNoTableFree(deps: BookingDeps, miss: Parameters<BookingDeps["repo"]["recordNoTableFree"]>[0]): Promise<void> {
  try {
    await deps.repo.recordNoTableFree(miss);
  } catch (error) {
    deps.log?.("booking.no_table_record_failed", { slotId: miss.slotId, error: String(error) });
  }
}

/** A stable, well-mixed number from a string (FNV-1a), to spread retries over free tables. */
function spreadIndex(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** After a seat conflict: was it the person acting or the other one who is busy then? */
export async function seatConflict(deps: BookingDeps, actingId: string, other: { id: string; name: string }, slotId: string): BookingResult<never> {
  if (await deps.repo.hasSeat(actingId, slotId)) {
    return fail("PERSON_BUSY", "You already have a session or an open request at that time. Pick another slot or cancel that one first.");
  }
  return fail("SLOT_TAKEN", `${other.name} is no longer free at that time; someone else booked it first. Please pick another slot.`);
}

/** The organizer's writes: a seat conflict cannot come from them, so it means the session moved meanwhile. */
export const changedMeanwhile = () => Promise.resolve(fail("STALE_STATE", "The session changed meanwhile; reload and try again."));

/** The expert must have marked the target slot free, unless the expert is the one choosing it. */
export async function expertFreeAt(deps: BookingDeps, actingId: string, s: SessionDetail, slotId: string): BookingResult<void> {
  if (actingId !== s.expertId && !(await deps.repo.isAvailable(s.expertId, slotId))) {
    return fail("EXPERT_NOT_AVAILABLE", `${s.expert.name} has not marked that time as free; pick one of their free slots.`);
  }
  return ok(undefined);
}

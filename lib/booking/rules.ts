import { fail, ok, type Result } from "@/lib/errors";
import type { BookingErrorCode } from "./errors";

/**
 * The life of a session request, as pure functions over a plain snapshot of the row.
 *
 *   PENDING ──accept──▶ ACCEPTED ──cancel──▶ CANCELLED
 *      │ ├──decline──▶ DECLINED
 *      │ ├──cancel───▶ CANCELLED   (requester withdraws, or expert/organizer cancels)
 *      │ ├──expire───▶ EXPIRED     (hold ran out)
 *      └─┴──propose──▶ PENDING     (another slot; the turn passes to the other person)
 *
 * A proposal is not a state of its own: the request stays PENDING, its slot moves to the proposed
 * one and `awaiting` flips to the other participant. So "live" is always exactly PENDING or
 * ACCEPTED — the database's one-seat-per-person-per-slot rule, the pending limit and hold expiry
 * all apply to proposals unchanged (docs/decisions/0003-booking-invariants.md).
 *
 * Every transition returns the next snapshot with `sequence + 1` (it doubles as the iCalendar
 * SEQUENCE and as the compare-and-set token: the repository writes
 * `UPDATE ... WHERE id = $1 AND status = $from AND sequence = $seq` and reports STALE_STATE on 0 rows).
 */

export const SESSION_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "CANCELLED", "EXPIRED"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const LIVE_STATUSES = ["PENDING", "ACCEPTED"] as const satisfies readonly SessionStatus[];

export type Participant = "REQUESTER" | "EXPERT";

/** What a session's history records (repo/session-events.ts): each transition, check-in and feedback. */
export const SESSION_ACTIONS = [
  "request",
  "accept",
  "decline",
  "propose",
  "withdraw",
  "cancel",
  "reschedule",
  "expire",
  "check_in",
  "feedback",
  "organizer_cancel",
  "reassign_table",
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

export const REASON_MAX = 500;
export const MESSAGE_MAX = 500;
/** Ping-pong guard: after this many proposals someone has to accept or decline. */
export const MAX_PROPOSALS = 3;

export interface SessionState {
  id: string;
  requesterId: string;
  expertId: string;
  status: SessionStatus;
  /** Whose answer a PENDING request waits for; the expert's at first. */
  awaiting: Participant;
  slotId: string;
  slotStartUtc: Date;
  slotEndUtc: Date;
  tableId: string | null;
  /** Set while PENDING; null otherwise. */
  holdExpiresAt: Date | null;
  proposalCount: number;
  sequence: number;
  closedReason: string | null;
}

export interface Actor {
  userId: string;
  /** Organizer of this session's conference (the service checks the conference). */
  isOrganizer: boolean;
}

export interface ProposedSlot {
  slotId: string;
  startUtc: Date;
  endUtc: Date;
}

export interface Transition {
  from: SessionStatus;
  fromSequence: number;
  next: SessionState;
}

type RuleResult<T> = Result<T, BookingErrorCode>;

export function isLive(status: SessionStatus): boolean {
  return (LIVE_STATUSES as readonly SessionStatus[]).includes(status);
}

export function participantOf(s: Pick<SessionState, "requesterId" | "expertId">, userId: string): Participant | null {
  if (userId === s.requesterId) return "REQUESTER";
  if (userId === s.expertId) return "EXPERT";
  return null;
}

/** A walk-up may still book the running slot while at least this much of it is left (minutes). */
export const WALKUP_MIN_MINUTES = 10;

/**
 * The last moment a request for `slot` can be agreed: the slot's start, or, for a walk-up into the
 * slot that is already running, while `walkupMinutes` of it are left.
 */
export function answerDeadline(slot: Pick<ProposedSlot, "startUtc" | "endUtc">, now: Date, walkupMinutes = WALKUP_MIN_MINUTES): Date {
  if (slot.startUtc.getTime() > now.getTime()) return slot.startUtc;
  return new Date(slot.endUtc.getTime() - walkupMinutes * 60_000);
}

/** Can `slot` still be requested at `now`: not started, or running with enough of it left for a walk-up? */
export function isBookable(slot: Pick<ProposedSlot, "startUtc" | "endUtc">, now: Date, walkupMinutes = WALKUP_MIN_MINUTES): boolean {
  return answerDeadline(slot, now, walkupMinutes).getTime() > now.getTime();
}

/** A hold ends after `holdMinutes`, but never after its slot's answer deadline: nobody can accept a past slot. */
export function holdExpiry(now: Date, holdMinutes: number, slot: Pick<ProposedSlot, "startUtc" | "endUtc">, walkupMinutes = WALKUP_MIN_MINUTES): Date {
  return new Date(Math.min(now.getTime() + holdMinutes * 60_000, answerDeadline(slot, now, walkupMinutes).getTime()));
}

/** A pending request whose hold ran out counts as expired even before the sweeper writes it. */
export function isHoldExpired(s: Pick<SessionState, "status" | "holdExpiresAt">, now: Date): boolean {
  return s.status === "PENDING" && s.holdExpiresAt !== null && s.holdExpiresAt.getTime() <= now.getTime();
}

/** Trims, treats blank as absent, and enforces the length limit with a message a person can act on. */
export function checkReason(reason: string | null | undefined, max = REASON_MAX): RuleResult<string | null> {
  const trimmed = reason?.trim() ?? "";
  if (trimmed.length === 0) return ok(null);
  const length = [...trimmed].length;
  if (length > max) {
    return fail("REASON_TOO_LONG", `Keep the reason to ${max} characters; this one has ${length.toLocaleString("en")}.`, {
      reason: `At most ${max} characters.`,
    });
  }
  return ok(trimmed);
}

export interface NewRequestInput {
  id: string;
  requesterId: string;
  expertId: string;
  slot: ProposedSlot;
  now: Date;
  holdMinutes: number;
  /** The requester's live PENDING requests right now (counted by the repository). */
  pendingCount: number;
  maxPending: number;
  walkupMinutes?: number;
}

/** The first snapshot of a request, after the caller validated the slot (slots.ts). */
export function openRequest(input: NewRequestInput): RuleResult<SessionState> {
  if (input.requesterId === input.expertId) {
    return fail("CANNOT_BOOK_SELF", "You cannot book a session with yourself.");
  }
  const limit = checkPendingLimit(input.pendingCount, input.maxPending);
  if (!limit.ok) return limit;
  return ok({
    id: input.id,
    requesterId: input.requesterId,
    expertId: input.expertId,
    status: "PENDING",
    awaiting: "EXPERT",
    slotId: input.slot.slotId,
    slotStartUtc: input.slot.startUtc,
    slotEndUtc: input.slot.endUtc,
    tableId: null,
    holdExpiresAt: holdExpiry(input.now, input.holdMinutes, input.slot, input.walkupMinutes),
    proposalCount: 0,
    sequence: 0,
    closedReason: null,
  });
}

/** At most K pending requests per attendee, so nobody can hold every expert's calendar hostage. */
export function checkPendingLimit(pendingCount: number, maxPending: number): RuleResult<void> {
  if (pendingCount >= maxPending) {
    return fail(
      "PENDING_LIMIT_REACHED",
      `You already have ${pendingCount} open request${pendingCount === 1 ? "" : "s"} (the limit is ${maxPending}). Wait for an answer or withdraw one first.`,
    );
  }
  return ok(undefined);
}

function step(s: SessionState, changes: Partial<SessionState>): Transition {
  return { from: s.status, fromSequence: s.sequence, next: { ...s, ...changes, sequence: s.sequence + 1 } };
}

/** Guards shared by accept / decline / propose: a live hold, and the caller's turn. */
function checkAnswer(s: SessionState, actor: Actor, now: Date): RuleResult<Participant> {
  const who = participantOf(s, actor.userId);
  if (!who) return fail("NOT_YOUR_REQUEST", "Only the two people in this session can answer it.");
  if (s.status !== "PENDING") {
    return fail("NOT_PENDING", `This request is already ${s.status.toLowerCase()}; it can no longer be answered.`);
  }
  if (isHoldExpired(s, now)) return fail("HOLD_EXPIRED", "This request expired before it was answered.");
  if (who !== s.awaiting) {
    return fail("NOT_YOUR_TURN", "The other person has to answer first; you can still withdraw the request.");
  }
  return ok(who);
}

/** The awaited participant agrees; the table is picked by the caller (pickTable) in the same transaction. */
export function accept(s: SessionState, actor: Actor, now: Date, tableId: string): RuleResult<Transition> {
  const turn = checkAnswer(s, actor, now);
  if (!turn.ok) return turn;
  return ok(step(s, { status: "ACCEPTED", tableId, holdExpiresAt: null }));
}

export function decline(s: SessionState, actor: Actor, now: Date, reason?: string | null): RuleResult<Transition> {
  const turn = checkAnswer(s, actor, now);
  if (!turn.ok) return turn;
  const r = checkReason(reason);
  if (!r.ok) return r;
  return ok(step(s, { status: "DECLINED", holdExpiresAt: null, closedReason: r.value }));
}

/**
 * Counter-proposal: the request moves to another (already validated) slot, the hold restarts and
 * the other participant must answer next.
 */
export function propose(s: SessionState, actor: Actor, now: Date, slot: ProposedSlot, holdMinutes: number, walkupMinutes = WALKUP_MIN_MINUTES): RuleResult<Transition> {
  const turn = checkAnswer(s, actor, now);
  if (!turn.ok) return turn;
  if (slot.slotId === s.slotId) return fail("SAME_SLOT", "Propose a different time from the one requested.");
  if (s.proposalCount >= MAX_PROPOSALS) {
    return fail("PROPOSAL_LIMIT_REACHED", `After ${MAX_PROPOSALS} proposals, please accept or decline.`);
  }
  return ok(
    step(s, {
      slotId: slot.slotId,
      slotStartUtc: slot.startUtc,
      slotEndUtc: slot.endUtc,
      awaiting: turn.value === "EXPERT" ? "REQUESTER" : "EXPERT",
      holdExpiresAt: holdExpiry(now, holdMinutes, slot, walkupMinutes),
      proposalCount: s.proposalCount + 1,
    }),
  );
}

/**
 * Either participant or an organizer may cancel a live session until it ends. Withdrawing a
 * pending request needs no reason; cancelling an agreed session does (the other person planned
 * for it), and so does any organizer cancel.
 */
export function cancel(s: SessionState, actor: Actor, now: Date, reason?: string | null): RuleResult<Transition> {
  const who = participantOf(s, actor.userId);
  if (!who && !actor.isOrganizer) return fail("NOT_YOUR_REQUEST", "Only the two people in this session or an organizer can cancel it.");
  if (!isLive(s.status)) return fail("NOT_LIVE", `This session is already ${s.status.toLowerCase()}.`);
  if (s.slotEndUtc.getTime() <= now.getTime()) return fail("SESSION_OVER", "This session has already taken place.");
  const r = checkReason(reason);
  if (!r.ok) return r;
  if (!r.value && (s.status === "ACCEPTED" || !who)) {
    return fail("REASON_REQUIRED", "Tell the other person briefly why the session is cancelled.", { reason: "Required." });
  }
  return ok(step(s, { status: "CANCELLED", holdExpiresAt: null, closedReason: r.value }));
}

/** The sweeper (or a lazy read) closes a pending request whose hold has run out. */
export function expire(s: SessionState, now: Date): RuleResult<Transition> {
  if (s.status !== "PENDING") return fail("NOT_PENDING", `This request is already ${s.status.toLowerCase()}.`);
  if (!isHoldExpired(s, now)) return fail("HOLD_NOT_EXPIRED", "This request is still within its hold time.");
  return ok(step(s, { status: "EXPIRED", holdExpiresAt: null }));
}

// ---------------------------------------------------------------------------------------------
// Table choice

/** A session is two people, so a table needs at least this many seats to hold one. */
export const SESSION_SEATS = 2;

export interface TableCandidate {
  id: string;
  areaId: string;
  areaName: string;
  label: string;
  seats: number;
}

const byText = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Tables in the order people read them (and pickTable tries them): preferred area, area, label. */
export function pickTableOrder<T extends TableCandidate>(tables: readonly T[], preferredAreaId?: string | null): T[] {
  return [...tables].sort(
    (a, b) =>
      Number(b.areaId === preferredAreaId) - Number(a.areaId === preferredAreaId) ||
      byText.compare(a.areaName, b.areaName) ||
      byText.compare(a.label, b.label) ||
      byText.compare(a.id, b.id),
  );
}

/**
 * A free table for a slot: the expert's preferred area first, then by area name and table label
 * in natural order ("T2" before "T10"), so the choice is stable and easy to explain. `spread`
 * (after a lost race) picks among the free tables of that first area instead of its first one.
 */
export function pickTable(tables: readonly TableCandidate[], takenTableIds: ReadonlySet<string>, preferredAreaId?: string | null, spread = 0): RuleResult<TableCandidate> {
  const free = pickTableOrder(
    tables.filter((t) => t.seats >= SESSION_SEATS && !takenTableIds.has(t.id)),
    preferredAreaId,
  );
  const first = free[0];
  if (!first) return fail("NO_TABLE_FREE", "Every table is taken at that time; please pick another slot.");
  const sameArea = free.filter((t) => t.areaId === first.areaId);
  return ok(sameArea[spread % sameArea.length]!);
}

// ---------------------------------------------------------------------------------------------
// Changes to an agreed session

function checkAgreed(s: SessionState, now: Date): RuleResult<void> {
  if (s.status !== "ACCEPTED") {
    return fail("NOT_ACCEPTED", `Only an accepted session can be changed this way; this one is ${s.status.toLowerCase()}.`);
  }
  if (s.slotEndUtc.getTime() <= now.getTime()) return fail("SESSION_OVER", "This session has already taken place.");
  return ok(undefined);
}

/**
 * Either participant moves an accepted session to another (validated) slot with a freshly picked
 * table. It stays ACCEPTED; the seat trigger moves both seats, and the bumped sequence reaches
 * calendars as an update of the same UID.
 */
export function reschedule(s: SessionState, actor: Actor, now: Date, slot: ProposedSlot, tableId: string, reason?: string | null): RuleResult<Transition> {
  if (!participantOf(s, actor.userId)) return fail("NOT_YOUR_REQUEST", "Only the two people in this session can move it.");
  const agreed = checkAgreed(s, now);
  if (!agreed.ok) return agreed;
  if (slot.slotId === s.slotId) return fail("SAME_SLOT", "Pick a different time from the current one.");
  const r = checkReason(reason);
  if (!r.ok) return r;
  return ok(step(s, { slotId: slot.slotId, slotStartUtc: slot.startUtc, slotEndUtc: slot.endUtc, tableId }));
}

/** An organizer moves an accepted session to another table in the same slot; it must seat both people. */
export function reassignTable(s: SessionState, actor: Actor, now: Date, table: Pick<TableCandidate, "id" | "label" | "seats">): RuleResult<Transition> {
  if (!actor.isOrganizer) return fail("NOT_YOUR_REQUEST", "Only organizers can move a session to another table.");
  const agreed = checkAgreed(s, now);
  if (!agreed.ok) return agreed;
  if (table.id === s.tableId) return fail("SAME_SLOT", "The session is already at that table.");
  if (table.seats < SESSION_SEATS) {
    return fail("TABLE_TOO_SMALL", `Table ${table.label} has ${table.seats} seat${table.seats === 1 ? "" : "s"}; a session needs ${SESSION_SEATS}. Pick a larger table.`, {
      tableId: `At least ${SESSION_SEATS} seats.`,
    });
  }
  return ok(step(s, { tableId: table.id }));
}

import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Failure, type Result } from "@/lib/errors";
import type { BookingErrorCode } from "./errors";
import { buildFeedIcs, buildSessionIcs, type IcsSession } from "./ics";
import type { BookingRepo, ConferenceInfo, SessionDetail, SlotRow, TableRow } from "./repo";
import * as rules from "./rules";
import type { SharedView } from "./shared-view";
import type {
  AvailabilityUpdateInput,
  AvailabilityView,
  AvailableNowView,
  CalendarFeedView,
  CancelInput,
  FeedbackInput,
  FreeSlotsView,
  LabLaunchView,
  ReassignTableInput,
  RequestSessionInput,
  RescheduleInput,
  RespondInput,
  SessionListView,
  SessionView,
  SlotListView,
  SlotSyncView,
  SlotView,
} from "./schema";
import { expandAvailabilityPreset, generateSlots, planSlotSync, toDay, validateRequestedSlot, type ConferenceCalendar, type Slot } from "./slots";
import { formatSessionTime } from "./time";

/**
 * Booking use cases. Dependencies come in as arguments (lib/booking/deps.ts wires the real ones),
 * so unit tests pass fakes and a fixed clock. Invariants are enforced by PostgreSQL (see the
 * migration); this layer turns their refusals into codes and messages a person can act on.
 */

export interface NotificationInput {
  kind: "REQUEST_NEW" | "REQUEST_ACCEPTED" | "REQUEST_DECLINED" | "TIME_PROPOSED" | "SESSION_CANCELLED" | "SESSION_RESCHEDULED" | "SESSION_SOON" | "TABLE_CHANGED";
  title: string;
  body: string;
  link: string;
  sessionId: string;
  /** At most one notification per key (reminders). */
  dedupeKey?: string;
}

/** lib/notifications/service.ts `notify` has this shape. */
export interface Notifier {
  notify(userId: string, notification: NotificationInput): Promise<unknown>;
}

/** socket.io, behind a small interface: `booking:changed` to both people, `availability:changed` to all. */
export interface BookingEvents {
  toUser(userId: string, event: "booking:changed", payload: { sessionId: string }): void;
  toAll(event: "availability:changed", payload: Record<string, never>): void;
}

export interface LabLauncher {
  launch(input: {
    ownerId: string;
    templateName: string;
    participantIds: string[];
    sessionId: string;
    expiresAt: Date;
  }): Promise<Result<{ labId: string }>>;
}

export interface BookingConfig {
  holdMinutes: number;
  maxPending: number;
  /** The running slot can still be booked while this many minutes of it are left (walk-ups). */
  walkupMinutes: number;
  /** A session lab lives until the slot ends plus this. */
  labGraceMinutes: number;
  publicUrl: string;
}

export interface BookingDeps {
  repo: BookingRepo;
  notifier: Notifier;
  events: BookingEvents;
  labs: LabLauncher | null;
  now: () => Date;
  newId: () => string;
  newToken: () => string;
  config: BookingConfig;
  /** Views every open page reads, shared across readers; without it each read computes its own. */
  views?: { availableNow: SharedView<Result<AvailableNowView, BookingErrorCode>> };
  log?: (event: string, fields: Record<string, unknown>) => void;
}

type R<T> = Promise<Result<T, BookingErrorCode>>;

const CHECK_IN_EARLY_MS = 10 * 60_000;
const LAB_EARLY_MS = 5 * 60_000;
const REMINDER_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// Helpers

async function conferenceOr404(deps: BookingDeps): R<ConferenceInfo> {
  const c = await deps.repo.currentConference();
  return c ? ok(c) : fail("NOT_FOUND", "No conference is set up yet. An organizer can create one.");
}

function calendarOf(c: ConferenceInfo): ConferenceCalendar {
  return { id: c.id, timeZone: c.timeZone, startDate: c.startDate, endDate: c.endDate };
}

function dayOf(date: Date, zone: string): string {
  return DateTime.fromJSDate(date).setZone(zone).toISODate() ?? "";
}

function slotView(s: SlotRow, zone: string): SlotView {
  return { id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), day: dayOf(s.startsAt, zone) };
}

/** A stored slot as the booking rules see it. */
function slotOf(s: SlotRow): rules.ProposedSlot {
  return { slotId: s.id, startUtc: s.startsAt, endUtc: s.endsAt };
}

function clockLabel(s: SlotRow, zone: string): string {
  const start = DateTime.fromJSDate(s.startsAt).setZone(zone);
  const end = DateTime.fromJSDate(s.endsAt).setZone(zone);
  return `${start.toFormat("ccc d LLL, HH:mm")}–${end.toFormat("HH:mm")}`;
}

function actorOf(user: UserView): rules.Actor {
  return { userId: user.id, isOrganizer: user.role === "ORGANIZER" };
}

function notFound(): Failure<"NOT_FOUND"> {
  return fail("NOT_FOUND", "No such session, or it is not one of yours.");
}

function emitChange(deps: BookingDeps, s: Pick<SessionDetail, "id" | "requesterId" | "expertId">): void {
  try {
    deps.events.toUser(s.requesterId, "booking:changed", { sessionId: s.id });
    deps.events.toUser(s.expertId, "booking:changed", { sessionId: s.id });
    deps.events.toAll("availability:changed", {});
  } catch (error) {
    deps.log?.("booking.emit_failed", { error: String(error) });
  }
}

async function tell(deps: BookingDeps, userId: string, n: NotificationInput): Promise<void> {
  try {
    await deps.notifier.notify(userId, n);
  } catch (error) {
    // A lost toast must not undo a booking that PostgreSQL already committed.
    deps.log?.("booking.notify_failed", { userId, kind: n.kind, error: String(error) });
  }
}

function when(s: SessionDetail): string {
  return formatSessionTime({ startUtc: s.slotStartUtc, endUtc: s.slotEndUtc, conferenceTimeZone: s.conferenceTimeZone });
}

export function toSessionView(s: SessionDetail, viewerId: string, now: Date, viewerTimeZone?: string | null): SessionView {
  const role = rules.participantOf(s, viewerId);
  const other = role === "REQUESTER" ? s.expert : role === "EXPERT" ? s.requester : null;
  const mine = s.feedback.find((f) => f.userId === viewerId);
  const theirs = other ? s.feedback.find((f) => f.userId === other.id) : undefined;
  const t = now.getTime();
  const phase = t < s.slotStartUtc.getTime() ? "upcoming" : t < s.slotEndUtc.getTime() ? "now" : "past";
  const labWindow = t >= s.slotStartUtc.getTime() - LAB_EARLY_MS && t < s.slotEndUtc.getTime();
  return {
    id: s.id,
    status: s.status,
    awaiting: s.awaiting,
    myRole: role,
    myTurn: s.status === "PENDING" && role === s.awaiting && !rules.isHoldExpired(s, now),
    phase,
    offer: s.offer,
    requester: { id: s.requester.id, name: s.requester.name },
    expert: { id: s.expert.id, name: s.expert.name },
    other: other ? { id: other.id, name: other.name } : null,
    slot: { id: s.slotId, startsAt: s.slotStartUtc.toISOString(), endsAt: s.slotEndUtc.toISOString() },
    timeLabel: formatSessionTime({
      startUtc: s.slotStartUtc,
      endUtc: s.slotEndUtc,
      conferenceTimeZone: s.conferenceTimeZone,
      viewerTimeZone,
    }),
    table: s.table,
    holdExpiresAt: s.holdExpiresAt?.toISOString() ?? null,
    proposalCount: s.proposalCount,
    sequence: s.sequence,
    message: s.message,
    closedReason: s.closedReason,
    checkIn: { me: mine?.checkedInAt?.toISOString() ?? null, other: theirs?.checkedInAt?.toISOString() ?? null },
    feedback: { happened: mine?.happened ?? null, rating: mine?.rating ?? null, note: mine?.note ?? null },
    noShow: s.feedback.some((f) => f.happened === false),
    canOpenLab: s.status === "ACCEPTED" && role !== null && s.offer.labTemplate !== null && labWindow,
    icsUrl: `/api/v1/sessions/${s.id}/ics`,
  };
}

/** Loads a session the user may see: a participant's, or any for an organizer. */
async function visibleSession(deps: BookingDeps, user: UserView, sessionId: string): R<SessionDetail> {
  const s = await deps.repo.session(sessionId);
  if (!s) return notFound();
  if (!rules.participantOf(s, user.id) && user.role !== "ORGANIZER") return notFound();
  return ok(s);
}

/**
 * Resolves a requested start to a stored slot of the current conference and checks it is
 * bookable now (mingle hours, grid, not over: a walk-up may take the running slot). `slotId`, when sent, must name that same slot.
 */
async function resolveSlot(deps: BookingDeps, conf: ConferenceInfo, startUtc: Date, now: Date, slotId?: string): R<SlotRow> {
  let conferenceId = conf.id;
  if (slotId) {
    const byId = await deps.repo.slotById(slotId);
    if (!byId) return fail("NOT_FOUND", "That time slot does not exist (any more); reload the list of times.");
    conferenceId = byId.conferenceId;
    if (byId.conferenceId === conf.id && byId.startsAt.getTime() !== startUtc.getTime()) {
      return fail("SLOT_MISALIGNED", "slotId and slotStart name different times; send one of the listed slots.");
    }
  }
  const valid = validateRequestedSlot(calendarOf(conf), conf.hours, conf.slotMinutes, { conferenceId, startUtc }, now, deps.config.walkupMinutes);
  if (!valid.ok) return valid;
  const slot = await deps.repo.slotAt(conf.id, startUtc);
  if (!slot) return fail("SLOT_MISALIGNED", "That time is not one of the conference's mingle slots; pick one of the offered times.");
  return ok(slot);
}

/** After a seat conflict: was it the person acting or the other one who is busy then? */
async function seatConflict(deps: BookingDeps, actingId: string, other: { id: string; name: string }, slotId: string): R<never> {
  if (await deps.repo.hasSeat(actingId, slotId)) {
    return fail("PERSON_BUSY", "You already have a session or an open request at that time. Pick another slot or cancel that one first.");
  }
  return fail("SLOT_TAKEN", `${other.name} is no longer free at that time; someone else booked it first. Please pick another slot.`);
}

interface Attempt {
  transition: rules.Transition;
  holdValidAt?: Date;
  closedById?: string | null;
  audit?: { actorId: string; action: string; details: Record<string, unknown> };
}

/**
 * Compare-and-set loop: read the row, let the rule decide, write `WHERE id AND status AND
 * sequence`. Losing the race means re-reading, so the rule reports what actually happened
 * (NOT_PENDING, HOLD_EXPIRED, ...); TABLE_TAKEN means another table is tried.
 */
async function transition(
  deps: BookingDeps,
  sessionId: string,
  decide: (s: SessionDetail, takenTables: ReadonlySet<string>) => Promise<Result<Attempt, BookingErrorCode>>,
  onSeatConflict: (s: SessionDetail, t: rules.Transition) => R<never>,
  maxAttempts = 8,
): R<SessionDetail> {
  const triedTables = new Set<string>();
  // A lost table race does not use up an attempt: each retry excludes one more table, so those
  // retries end by themselves (a table found, or NO_TABLE_FREE) even when dozens accept at once.
  for (let attempt = 0; attempt < maxAttempts; ) {
    const s = await deps.repo.session(sessionId);
    if (!s) return notFound();
    const decided = await decide(s, triedTables);
    if (!decided.ok) return decided;
    const a = decided.value;
    const written = await deps.repo.applyTransition(a.transition, { holdValidAt: a.holdValidAt, closedById: a.closedById, audit: a.audit });
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
}

async function chooseTable(
  deps: BookingDeps,
  conferenceId: string,
  expertId: string,
  slotId: string,
  tried: ReadonlySet<string>,
): R<TableRow> {
  const [tables, taken, preferred] = await Promise.all([
    deps.repo.tables(conferenceId),
    deps.repo.takenTableIds(slotId),
    deps.repo.preferredAreaId(expertId),
  ]);
  const picked = rules.pickTable(tables, new Set([...taken, ...tried]), preferred);
  if (!picked.ok) return picked;
  return ok(tables.find((t) => t.id === picked.value.id)!);
}

// ---------------------------------------------------------------------------------------------
// Slots (organizer set-up) and availability

/**
 * Brings the stored slots in line with the conference's calendar (hours and slot length):
 * identical slots stay (with their availability), unused ones go, slots with history stay; a
 * change that would orphan a live session is refused with SLOTS_IN_USE. Idempotent.
 */
export async function syncSlots(deps: BookingDeps, conferenceId?: string): R<SlotSyncView> {
  const conf = await deps.repo.currentConference(conferenceId);
  if (!conf) return fail("NOT_FOUND", "No conference is set up yet. An organizer can create one.");
  const desired = generateSlots(calendarOf(conf), conf.hours, conf.slotMinutes);
  if (!desired.ok) return desired;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.repo.existingSlots(conf.id);
    const plan = planSlotSync(existing, desired.value, conf.timeZone);
    if (!plan.ok) return plan;
    try {
      await deps.repo.applySlotPlan(conf.id, plan.value);
    } catch (error) {
      // A request landed on a slot being removed meanwhile (FK RESTRICT): plan again.
      deps.log?.("booking.slot_sync_retry", { attempt, error: String(error) });
      continue;
    }
    if (plan.value.create.length || plan.value.removeIds.length) deps.events.toAll("availability:changed", {});
    const total = plan.value.keepIds.length + plan.value.create.length;
    return ok({ slotMinutes: conf.slotMinutes, created: plan.value.create.length, removed: plan.value.removeIds.length, kept: plan.value.keepIds.length, total });
  }
  return fail("CONFLICT", "Sessions were being booked while the slots changed; please try again.");
}

export async function listSlots(deps: BookingDeps, query: { day?: string }): R<SlotListView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const slots = (await deps.repo.listSlots(c.id)).map((s) => slotView(s, c.timeZone)).filter((s) => !query.day || s.day === query.day);
  return ok({ conferenceId: c.id, timeZone: c.timeZone, slotMinutes: c.slotMinutes, slots });
}

export async function getAvailability(deps: BookingDeps, user: UserView): R<AvailabilityView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const [slots, available, busy] = await Promise.all([
    deps.repo.listSlots(c.id),
    deps.repo.availableSlotIds(user.id, c.id),
    deps.repo.busySlotIds(user.id, c.id),
  ]);
  return ok({
    conferenceId: c.id,
    timeZone: c.timeZone,
    slotMinutes: c.slotMinutes,
    slots: slots.map((s) => ({
      ...slotView(s, c.timeZone),
      available: available.has(s.id),
      busy: busy.has(s.id),
      past: !rules.isBookable(slotOf(s), now, deps.config.walkupMinutes),
    })),
  });
}

export async function setAvailability(deps: BookingDeps, user: UserView, input: AvailabilityUpdateInput): R<AvailabilityView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const slots = await deps.repo.listSlots(c.id);
  const byStart = new Map(slots.map((s) => [s.startsAt.getTime(), s]));
  if (input.mode === "slots") {
    const ids: string[] = [];
    for (const start of input.slotStarts) {
      const slot = byStart.get(start.getTime());
      if (!slot) {
        const local = DateTime.fromJSDate(start).setZone(c.timeZone).toFormat("ccc d LLL HH:mm");
        return fail("SLOT_MISALIGNED", `${local} is not one of the conference's mingle slots.`, { slotStarts: "Use the listed slot starts." });
      }
      ids.push(slot.id);
    }
    await deps.repo.setAvailability(user.id, c.id, { replaceAll: true, add: ids, remove: [] });
  } else {
    const first = toDay(c.startDate);
    const last = toDay(c.endDate);
    if (!first || !last || input.day < first || input.day > last) {
      return fail("HOURS_DAY_OUTSIDE_CONFERENCE", `${input.day} is not a conference day (${first} to ${last}).`, { day: "Pick a conference day." });
    }
    const asSlots: Slot[] = slots.map((s) => ({ conferenceId: c.id, day: dayOf(s.startsAt, c.timeZone), startUtc: s.startsAt, endUtc: s.endsAt }));
    const ids = expandAvailabilityPreset(asSlots, c.timeZone, input.day, input.preset).map((d) => byStart.get(d.getTime())!.id);
    await deps.repo.setAvailability(user.id, c.id, input.available ? { add: ids, remove: [] } : { add: [], remove: ids });
  }
  deps.events.toAll("availability:changed", {});
  return getAvailability(deps, user);
}

/**
 * What can be requested: slots the expert marked that are still bookable (future ones, and the
 * running one while a walk-up fits), minus those a live session holds.
 */
export async function listFreeSlots(deps: BookingDeps, expertId: string, query: { day?: string }): R<FreeSlotsView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const [slots, available, busy] = await Promise.all([
    deps.repo.listSlots(c.id, { from: new Date(now.getTime() - c.slotMinutes * 60_000) }),
    deps.repo.availableSlotIds(expertId, c.id),
    deps.repo.busySlotIds(expertId, c.id),
  ]);
  const free = slots
    .filter((s) => available.has(s.id) && !busy.has(s.id) && rules.isBookable(slotOf(s), now, deps.config.walkupMinutes))
    .map((s) => ({ ...slotView(s, c.timeZone), label: clockLabel(s, c.timeZone) }))
    .filter((s) => !query.day || s.day === query.day);
  return ok({ expertId, timeZone: c.timeZone, slots: free });
}

// ---------------------------------------------------------------------------------------------
// Requests

export async function requestSession(deps: BookingDeps, user: UserView, input: RequestSessionInput, viewerTz?: string): R<SessionView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const offer = await deps.repo.offer(input.offerId);
  if (!offer) return fail("NOT_FOUND", "That offer does not exist (any more).");
  if (!offer.active || offer.hidden) return fail("OFFER_UNAVAILABLE", "This offer is not open for requests right now.");
  if (offer.ownerId === user.id) return fail("CANNOT_BOOK_SELF", "This is your own offer; you cannot book a session with yourself.");
  const slot = await resolveSlot(deps, c, input.slotStart, now, input.slotId);
  if (!slot.ok) return slot;
  if (!(await deps.repo.isAvailable(offer.ownerId, slot.value.id))) {
    return fail("EXPERT_NOT_AVAILABLE", "The expert has not marked that time as free; pick one of their free slots.");
  }
  const id = deps.newId();
  const created = await deps.repo.createRequest(
    { conferenceId: c.id, offerId: offer.id, message: input.message?.trim() || null, requesterId: user.id, expertId: offer.ownerId, slotId: slot.value.id },
    now,
    (pendingCount) =>
      rules.openRequest({
        id,
        requesterId: user.id,
        expertId: offer.ownerId,
        slot: slotOf(slot.value),
        now,
        holdMinutes: deps.config.holdMinutes,
        walkupMinutes: deps.config.walkupMinutes,
        pendingCount,
        maxPending: deps.config.maxPending,
      }),
  );
  if (!created.ok) {
    if (created.code === "SEAT_TAKEN") return seatConflict(deps, user.id, { id: offer.ownerId, name: "The expert" }, slot.value.id);
    return created as Failure<BookingErrorCode>;
  }
  for (const lapsed of created.value.expired) emitChange(deps, lapsed);
  const s = (await deps.repo.session(id))!;
  emitChange(deps, s);
  await tell(deps, s.expertId, {
    kind: "REQUEST_NEW",
    title: `${s.requester.name} asks for a session`,
    body: `"${s.offer.title}" · ${when(s)}${s.message ? ` — “${s.message}”` : ""}`,
    link: `/sessions/${s.id}`,
    sessionId: s.id,
  });
  return ok(toSessionView(s, user.id, now, viewerTz));
}

export async function respond(deps: BookingDeps, user: UserView, sessionId: string, input: RespondInput, viewerTz?: string): R<SessionView> {
  const now = deps.now();
  const actor = actorOf(user);
  let result: Result<SessionDetail, BookingErrorCode>;
  if (input.action === "accept") {
    result = await transition(
      deps,
      sessionId,
      async (s, tried) => {
        // The rule checks turn and hold first, so a stranger learns nothing about tables.
        const probe = rules.accept(s, actor, now, "probe");
        if (!probe.ok) return probe;
        const table = await chooseTable(deps, s.conferenceId, s.expertId, s.slotId, tried);
        if (!table.ok) return table;
        const t = rules.accept(s, actor, now, table.value.id);
        return t.ok ? ok({ transition: t.value, holdValidAt: now }) : t;
      },
      (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
      20,
    );
  } else if (input.action === "decline") {
    result = await transition(
      deps,
      sessionId,
      async (s) => {
        const t = rules.decline(s, actor, now, input.reason);
        return t.ok ? ok({ transition: t.value, holdValidAt: now, closedById: user.id }) : t;
      },
      (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
    );
  } else {
    const conf = await conferenceOr404(deps);
    if (!conf.ok) return conf;
    const slot = await resolveSlot(deps, conf.value, input.slotStart, now);
    if (!slot.ok) return slot;
    result = await transition(
      deps,
      sessionId,
      async (s) => {
        const t = rules.propose(s, actor, now, slotOf(slot.value), deps.config.holdMinutes, deps.config.walkupMinutes);
        if (!t.ok) return t;
        if (user.id !== s.expertId && !(await deps.repo.isAvailable(s.expertId, slot.value.id))) {
          return fail("EXPERT_NOT_AVAILABLE", `${s.expert.name} has not marked that time as free; pick one of their free slots.`);
        }
        return ok({ transition: t.value, holdValidAt: now });
      },
      (s, t) => seatConflict(deps, user.id, otherOf(s, user.id), t.next.slotId),
    );
  }
  if (!result.ok) return result;
  const s = result.value;
  emitChange(deps, s);
  const to = otherOf(s, user.id);
  if (input.action === "accept") {
    await tell(deps, to.id, {
      kind: "REQUEST_ACCEPTED",
      title: `${user.name} accepted your session`,
      body: `"${s.offer.title}" · ${when(s)} · table ${s.table?.label ?? "?"} (${s.table?.area.name ?? ""}${s.table?.area.location ? `, ${s.table.area.location}` : ""})`,
      link: `/sessions/${s.id}`,
      sessionId: s.id,
    });
  } else if (input.action === "decline") {
    await tell(deps, to.id, {
      kind: "REQUEST_DECLINED",
      title: `${user.name} declined your request`,
      body: `"${s.offer.title}" · ${when(s)}${s.closedReason ? ` — “${s.closedReason}”` : ""}`,
      link: `/sessions/${s.id}`,
      sessionId: s.id,
    });
  } else {
    await tell(deps, to.id, {
      kind: "TIME_PROPOSED",
      title: `${user.name} proposed another time`,
      body: `"${s.offer.title}" · ${when(s)}${input.message?.trim() ? ` — “${input.message.trim()}”` : ""}`,
      link: `/sessions/${s.id}`,
      sessionId: s.id,
    });
  }
  return ok(toSessionView(s, user.id, now, viewerTz));
}

function otherOf(s: SessionDetail, userId: string): { id: string; name: string } {
  return s.requesterId === userId ? s.expert : s.requester;
}

export async function cancel(deps: BookingDeps, user: UserView, sessionId: string, input: CancelInput, viewerTz?: string): R<SessionView> {
  const now = deps.now();
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      // Organizers cancel through their own endpoint, which writes the audit trail.
      const t = rules.cancel(s, { userId: user.id, isOrganizer: false }, now, input.reason);
      return t.ok ? ok({ transition: t.value, closedById: user.id }) : t;
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), s.slotId),
  );
  if (!result.ok) return result;
  const s = result.value;
  emitChange(deps, s);
  const to = otherOf(s, user.id);
  await tell(deps, to.id, {
    kind: "SESSION_CANCELLED",
    title: `${user.name} cancelled ${s.requesterId === user.id ? "their request" : "the session"}`,
    body: `"${s.offer.title}" · ${when(s)}${s.closedReason ? ` — “${s.closedReason}”` : ""}`,
    link: `/sessions/${s.id}`,
    sessionId: s.id,
  });
  return ok(toSessionView(s, user.id, now, viewerTz));
}

export async function reschedule(deps: BookingDeps, user: UserView, sessionId: string, input: RescheduleInput, viewerTz?: string): R<SessionView> {
  const now = deps.now();
  const conf = await conferenceOr404(deps);
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
      if (user.id !== s.expertId && !(await deps.repo.isAvailable(s.expertId, target.slotId))) {
        return fail("EXPERT_NOT_AVAILABLE", `${s.expert.name} has not marked that time as free; pick one of their free slots.`);
      }
      const table = await chooseTable(deps, s.conferenceId, s.expertId, target.slotId, tried);
      if (!table.ok) return table;
      const t = rules.reschedule(s, actorOf(user), now, target, table.value.id, input.reason);
      return t.ok ? ok({ transition: t.value }) : t;
    },
    (s) => seatConflict(deps, user.id, otherOf(s, user.id), target.slotId),
    20,
  );
  if (!result.ok) return result;
  const s = result.value;
  emitChange(deps, s);
  await tell(deps, otherOf(s, user.id).id, {
    kind: "SESSION_RESCHEDULED",
    title: `${user.name} moved your session`,
    body: `"${s.offer.title}" · now ${when(s)} · table ${s.table?.label ?? "?"}${reason.value ? ` — “${reason.value}”` : ""}`,
    link: `/sessions/${s.id}`,
    sessionId: s.id,
  });
  return ok(toSessionView(s, user.id, now, viewerTz));
}

// ---------------------------------------------------------------------------------------------
// Organizers

export async function organizerCancel(deps: BookingDeps, organizer: UserView, sessionId: string, input: { reason: string }, viewerTz?: string): R<SessionView> {
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
        audit: { actorId: organizer.id, action: "session.cancel", details: { reason: t.value.next.closedReason, from: t.value.from, requesterId: s.requesterId, expertId: s.expertId } },
      });
    },
    () => Promise.resolve(fail("STALE_STATE", "The session changed meanwhile; reload and try again.")),
  );
  if (!result.ok) return result;
  const s = result.value;
  emitChange(deps, s);
  for (const p of [s.requester, s.expert]) {
    await tell(deps, p.id, {
      kind: "SESSION_CANCELLED",
      title: "The Mingle desk cancelled your session",
      body: `"${s.offer.title}" · ${when(s)}${s.closedReason ? ` — “${s.closedReason}”` : ""}`,
      link: `/sessions/${s.id}`,
      sessionId: s.id,
    });
  }
  return ok(toSessionView(s, organizer.id, now, viewerTz));
}

export async function organizerReassignTable(deps: BookingDeps, organizer: UserView, sessionId: string, input: ReassignTableInput, viewerTz?: string): R<SessionView> {
  const now = deps.now();
  const reason = rules.checkReason(input.reason);
  if (!reason.ok) return reason;
  const result = await transition(
    deps,
    sessionId,
    async (s) => {
      if (!(await deps.repo.tableInConference(input.tableId, s.conferenceId))) return fail("NOT_FOUND", "No such table at this conference.");
      const t = rules.reassignTable(s, { userId: organizer.id, isOrganizer: true }, now, input.tableId);
      if (!t.ok) return t;
      return ok({
        transition: t.value,
        audit: { actorId: organizer.id, action: "session.reassign_table", details: { fromTableId: s.tableId, toTableId: input.tableId, reason: reason.value } },
      });
    },
    () => Promise.resolve(fail("STALE_STATE", "The session changed meanwhile; reload and try again.")),
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
  emitChange(deps, s);
  for (const p of [s.requester, s.expert]) {
    await tell(deps, p.id, {
      kind: "TABLE_CHANGED",
      title: `Your session moved to table ${s.table?.label ?? "?"}`,
      body: `"${s.offer.title}" · ${when(s)} · ${s.table?.area.name ?? ""}${s.table?.area.location ? `, ${s.table.area.location}` : ""}`,
      link: `/sessions/${s.id}`,
      sessionId: s.id,
    });
  }
  return ok(toSessionView(s, organizer.id, now, viewerTz));
}

export async function listConferenceSessions(deps: BookingDeps, organizer: UserView, query: { day?: string; tz?: string }): R<SessionListView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const now = deps.now();
  const rows = await deps.repo.liveSessionsOfConference(conf.value.id);
  const sessions = rows
    .filter((s) => !query.day || dayOf(s.slotStartUtc, s.conferenceTimeZone) === query.day)
    .map((s) => toSessionView(s, organizer.id, now, query.tz));
  return ok({ sessions });
}

// ---------------------------------------------------------------------------------------------
// My sessions, check-in, feedback, lab

export async function getSession(deps: BookingDeps, user: UserView, sessionId: string, viewerTz?: string): R<SessionView> {
  const s = await visibleSession(deps, user, sessionId);
  return s.ok ? ok(toSessionView(s.value, user.id, deps.now(), viewerTz)) : s;
}

export async function listMySessions(deps: BookingDeps, user: UserView, query: { scope: "upcoming" | "past" | "all"; tz?: string }): R<SessionListView> {
  const now = deps.now();
  const rows = await deps.repo.sessionsOf(user.id);
  const upcoming = (s: SessionDetail) => rules.isLive(s.status) && !rules.isHoldExpired(s, now) && s.slotEndUtc.getTime() > now.getTime();
  const picked = rows.filter((s) => (query.scope === "all" ? true : query.scope === "upcoming" ? upcoming(s) : !upcoming(s)));
  if (query.scope === "past") picked.reverse();
  return ok({ sessions: picked.map((s) => toSessionView(s, user.id, now, query.tz)) });
}

async function ownAccepted(deps: BookingDeps, user: UserView, sessionId: string): R<SessionDetail> {
  const s = await deps.repo.session(sessionId);
  if (!s) return notFound();
  if (!rules.participantOf(s, user.id)) return fail("NOT_YOUR_REQUEST", "Only the two people in this session can do this.");
  if (s.status !== "ACCEPTED") return fail("NOT_ACCEPTED", `This session is ${s.status.toLowerCase()}, not agreed.`);
  return ok(s);
}

export async function checkIn(deps: BookingDeps, user: UserView, sessionId: string): R<SessionView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  const t = now.getTime();
  if (t < s.value.slotStartUtc.getTime() - CHECK_IN_EARLY_MS || t >= s.value.slotEndUtc.getTime()) {
    return fail("NOT_DURING_SESSION", "Check in at the table from 10 minutes before the session until it ends.");
  }
  await deps.repo.checkIn(sessionId, user.id, now);
  const fresh = (await deps.repo.session(sessionId))!;
  emitChange(deps, fresh);
  return ok(toSessionView(fresh, user.id, now));
}

export async function saveFeedback(deps: BookingDeps, user: UserView, sessionId: string, input: FeedbackInput): R<SessionView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  if (now.getTime() < s.value.slotEndUtc.getTime()) {
    return fail("SESSION_NOT_OVER", "Feedback opens when the session's slot has ended.");
  }
  const note = input.note === undefined ? undefined : rules.checkReason(input.note);
  if (note && !note.ok) return note;
  await deps.repo.saveFeedback(sessionId, user.id, { happened: input.happened, rating: input.rating, note: note?.value });
  const fresh = (await deps.repo.session(sessionId))!;
  emitChange(deps, fresh);
  return ok(toSessionView(fresh, user.id, now));
}

export async function openLab(deps: BookingDeps, user: UserView, sessionId: string): R<LabLaunchView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  const t = now.getTime();
  if (t < s.value.slotStartUtc.getTime() - LAB_EARLY_MS || t >= s.value.slotEndUtc.getTime()) {
    return fail("NOT_DURING_SESSION", "The lab opens during the session (from 5 minutes before it starts).");
  }
  const template = s.value.offer.labTemplate;
  if (!template) return fail("NO_LAB_TEMPLATE", "This offer has no lab.");
  if (!deps.labs) return fail("LABS_UNAVAILABLE", "Labs are not available on this server right now.");
  const expiresAt = new Date(s.value.slotEndUtc.getTime() + deps.config.labGraceMinutes * 60_000);
  const launched = await deps.labs.launch({
    ownerId: user.id,
    templateName: template,
    participantIds: [s.value.requesterId, s.value.expertId],
    sessionId,
    expiresAt,
  });
  if (!launched.ok) return fail("CONFLICT", launched.message);
  return ok({ labId: launched.value.labId, expiresAt: expiresAt.toISOString(), url: `/labs/${launched.value.labId}` });
}

// ---------------------------------------------------------------------------------------------
// "Available now"

/**
 * Who and which tables are free now and next. Every open page refetches this after a broadcast, so
 * the view is computed once and shared (deps.views, invalidated on every availability change); each
 * reader only drops themselves from the experts.
 */
export async function availableNow(deps: BookingDeps, user: UserView): R<AvailableNowView> {
  const shared = await (deps.views ? deps.views.availableNow.get(() => computeAvailableNow(deps)) : computeAvailableNow(deps));
  if (!shared.ok) return shared;
  return ok({ ...shared.value, experts: shared.value.experts.filter((e) => e.id !== user.id) });
}

async function computeAvailableNow(deps: BookingDeps): R<AvailableNowView> {
  const conf = await conferenceOr404(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const soon = await deps.repo.listSlots(c.id, { from: new Date(now.getTime() - 60 * 60_000), to: new Date(now.getTime() + 24 * 60 * 60_000) });
  const current = soon.find((s) => s.startsAt.getTime() <= now.getTime() && now.getTime() < s.endsAt.getTime()) ?? null;
  const next = soon.find((s) => s.startsAt.getTime() >= (current?.endsAt ?? now).getTime()) ?? null;
  const ids = [current, next].filter((s): s is SlotRow => s !== null).map((s) => s.id);
  const running = current && slotOf(current);
  const [tables, taken, seated, experts] = await Promise.all([
    deps.repo.tables(c.id),
    deps.repo.takenTablesBySlot(ids),
    deps.repo.seatedUserIds(ids),
    deps.repo.expertsAvailableIn(ids),
  ]);
  const freeIn = (slot: SlotRow | null, has: (slotId: string) => boolean) => slot !== null && has(slot.id);
  const sorted = rules.pickTableOrder(tables, null);
  return ok({
    conferenceId: c.id,
    timeZone: c.timeZone,
    current: current && slotView(current, c.timeZone),
    next: next && slotView(next, c.timeZone),
    walkupUntil: running && rules.isBookable(running, now, deps.config.walkupMinutes) ? rules.answerDeadline(running, now, deps.config.walkupMinutes).toISOString() : null,
    tables: sorted.map((t) => ({
      id: t.id,
      label: t.label,
      area: { id: t.areaId, name: t.areaName, location: t.location },
      freeNow: freeIn(current, (id) => !taken.get(id)?.has(t.id)),
      freeNext: freeIn(next, (id) => !taken.get(id)?.has(t.id)),
    })),
    experts: experts
      .map((e) => ({
        id: e.id,
        name: e.name,
        headline: e.headline,
        freeNow: freeIn(current, (id) => e.slotIds.includes(id) && !seated.get(id)?.has(e.id)),
        freeNext: freeIn(next, (id) => e.slotIds.includes(id) && !seated.get(id)?.has(e.id)),
        offers: e.offers,
      }))
      .filter((e) => e.freeNow || e.freeNext),
  });
}

// ---------------------------------------------------------------------------------------------
// Calendars

function icsOf(s: SessionDetail, publicUrl: string): IcsSession {
  return {
    id: s.id,
    startUtc: s.slotStartUtc,
    endUtc: s.slotEndUtc,
    summary: `Mingle: ${s.offer.title} (${s.requester.name} & ${s.expert.name})`,
    description: [s.message, `${s.conferenceName} · Moby Mingle session`].filter(Boolean).join("\n\n"),
    area: s.table ? [s.table.area.name, s.table.area.location].filter(Boolean).join(", ") : undefined,
    table: s.table?.label,
    organizer: { name: s.expert.name, email: s.expert.email },
    attendees: [
      { name: s.requester.name, email: s.requester.email, accepted: s.status === "ACCEPTED" },
      { name: s.expert.name, email: s.expert.email, accepted: s.status === "ACCEPTED" },
    ],
    sequence: s.sequence,
    cancelled: !rules.isLive(s.status),
    url: `${publicUrl.replace(/\/$/, "")}/sessions/${s.id}`,
  };
}

function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}

export async function sessionIcs(deps: BookingDeps, user: UserView, sessionId: string): Promise<Result<never, BookingErrorCode> | Response> {
  const s = await visibleSession(deps, user, sessionId);
  if (!s.ok) return s;
  const method = rules.isLive(s.value.status) ? "REQUEST" : "CANCEL";
  return calendarResponse(buildSessionIcs(method, icsOf(s.value, deps.config.publicUrl), deps.now()), `mingle-${s.value.id}.ics`);
}

function feedUrl(deps: BookingDeps, token: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, "")}/api/v1/calendar/${token}.ics`;
}

export async function getFeed(deps: BookingDeps, user: UserView): R<CalendarFeedView> {
  const f = await deps.repo.feedOf(user.id);
  return ok({ url: f ? feedUrl(deps, f.token) : null, createdAt: f?.createdAt.toISOString() ?? null });
}

export async function rotateFeed(deps: BookingDeps, user: UserView): R<CalendarFeedView> {
  const f = await deps.repo.setFeed(user.id, deps.newToken(), deps.now());
  return ok({ url: feedUrl(deps, f.token), createdAt: f.createdAt.toISOString() });
}

export async function revokeFeed(deps: BookingDeps, user: UserView): R<void> {
  await deps.repo.revokeFeed(user.id);
  return ok(undefined);
}

/** The subscribable feed: accepted sessions, and cancelled ones so calendars drop them. */
export async function feedIcs(deps: BookingDeps, tokenParam: string): Promise<Result<never, BookingErrorCode> | Response> {
  const token = tokenParam.replace(/\.ics$/, "");
  const owner = await deps.repo.feedOwner(token);
  if (!owner) return fail("NOT_FOUND", "This calendar feed does not exist or was revoked.");
  const sessions = (await deps.repo.sessionsOf(owner.userId)).filter((s) => s.status === "ACCEPTED" || (s.status === "CANCELLED" && s.tableId !== null));
  const body = buildFeedIcs({ name: `Mingle — ${owner.name}` }, sessions.map((s) => icsOf(s, deps.config.publicUrl)), deps.now());
  return calendarResponse(body, "mingle.ics");
}

// ---------------------------------------------------------------------------------------------
// Background: hold sweeper and "starts in 15 minutes"

/** `sent` remembers reminders across runs of one process; the notifier's dedupeKey makes them at-most-once overall. */
export async function sweep(deps: BookingDeps, sent: Set<string> = new Set()): Promise<{ expired: number; reminded: number }> {
  const now = deps.now();
  const expired = await deps.repo.expireLapsed(now);
  for (const s of expired) emitChange(deps, s);
  const soon = await deps.repo.acceptedStartingBetween(now, new Date(now.getTime() + REMINDER_MS));
  let reminded = 0;
  for (const s of soon) {
    const minutes = Math.max(1, Math.round((s.startsAt.getTime() - now.getTime()) / 60_000));
    for (const userId of [s.requesterId, s.expertId]) {
      const dedupeKey = `session-soon:${s.id}:${s.startsAt.getTime()}:${userId}`;
      if (sent.has(dedupeKey)) continue;
      sent.add(dedupeKey);
      await tell(deps, userId, {
        kind: "SESSION_SOON",
        title: `Your Mingle session starts in ${minutes} minute${minutes === 1 ? "" : "s"}`,
        body: `"${s.offerTitle}"${s.tableLabel ? ` · table ${s.tableLabel}${s.areaName ? ` (${s.areaName})` : ""}` : ""}`,
        link: `/sessions/${s.id}`,
        sessionId: s.id,
        dedupeKey,
      });
      reminded++;
    }
  }
  return { expired: expired.length, reminded };
}

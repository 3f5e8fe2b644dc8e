import type { Db } from "@/lib/db";
import { DomainError, fail, ok, type Result } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BookingErrorCode } from "./errors";
import { withRetry } from "./retry";
import type { Participant, SessionState, SessionStatus, TableCandidate, Transition } from "./rules";
import type { ExistingSlot, MingleHoursInput, Slot } from "./slots";

/**
 * The only place the booking slice touches Prisma. Every read has an explicit select and returns
 * plain objects; every write that an invariant guards maps the constraint's 23505 to a code.
 */

export const SEAT_INDEX = "SessionSeat_userId_slotId_key";
export const TABLE_INDEX = "MingleSession_slotId_tableId_live_key";

export interface ConferenceInfo {
  id: string;
  name: string;
  timeZone: string;
  startDate: Date;
  endDate: Date;
  slotMinutes: number;
  hours: MingleHoursInput[];
}

export interface SlotRow {
  id: string;
  conferenceId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface TableRow extends TableCandidate {
  location: string;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
}

export interface FeedbackRow {
  userId: string;
  checkedInAt: Date | null;
  happened: boolean | null;
  rating: number | null;
  note: string | null;
}

export interface SessionDetail extends SessionState {
  conferenceId: string;
  conferenceTimeZone: string;
  conferenceName: string;
  offer: { id: string; title: string; labTemplate: string | null };
  requester: PersonRow;
  expert: PersonRow;
  table: { id: string; label: string; area: { id: string; name: string; location: string } } | null;
  message: string | null;
  closedById: string | null;
  feedback: FeedbackRow[];
  updatedAt: Date;
}

export interface OfferRow {
  id: string;
  ownerId: string;
  title: string;
  active: boolean;
  hidden: boolean;
  labTemplate: string | null;
}

export interface NewSession {
  conferenceId: string;
  offerId: string;
  message: string | null;
}

export interface AuditInput {
  actorId: string;
  action: string;
  details: Record<string, unknown>;
}

export interface CasOptions {
  /** Answering a request: the hold must still run at `now` (a lapsed hold cannot be accepted). */
  holdValidAt?: Date;
  closedById?: string | null;
  audit?: AuditInput;
}

/** What a guarded write ran into; the service turns it into the precise code. */
export type WriteConflict = "SEAT_TAKEN" | "TABLE_TAKEN" | "STALE_STATE";

export interface LapsedSession {
  id: string;
  requesterId: string;
  expertId: string;
}

export interface SoonSession {
  id: string;
  requesterId: string;
  expertId: string;
  sequence: number;
  startsAt: Date;
  offerTitle: string;
  tableLabel: string | null;
  areaName: string | null;
}

export interface ExpertNow {
  id: string;
  name: string;
  headline: string;
  slotIds: string[];
  offers: { id: string; title: string }[];
}

/** Walks Prisma 7's error (and driver-adapter cause) for the unique index a write violated. */
export function violatedIndex(error: unknown): string | null {
  const e = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } };
    message?: string;
  };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.constraint?.index) return cause.constraint.index;
  if (typeof e?.meta?.target === "string") return e.meta.target;
  for (const name of [SEAT_INDEX, TABLE_INDEX]) if (typeof e?.message === "string" && e.message.includes(name)) return name;
  return null;
}

function conflictOf(error: unknown): WriteConflict | null {
  const index = violatedIndex(error);
  if (index === SEAT_INDEX) return "SEAT_TAKEN";
  if (index === TABLE_INDEX) return "TABLE_TAKEN";
  return null;
}

const TX = { maxWait: 15_000, timeout: 15_000 } as const;
const RETRY = { attempts: 10, baseDelayMs: 10, maxDelayMs: 250 };

const sessionSelect = {
  id: true,
  conferenceId: true,
  requesterId: true,
  expertId: true,
  status: true,
  awaiting: true,
  slotId: true,
  tableId: true,
  holdExpiresAt: true,
  proposalCount: true,
  sequence: true,
  message: true,
  closedReason: true,
  closedById: true,
  updatedAt: true,
  slot: { select: { startsAt: true, endsAt: true } },
  conference: { select: { timeZone: true, name: true } },
  offer: { select: { id: true, title: true, labTemplate: true } },
  requester: { select: { id: true, name: true, email: true } },
  expert: { select: { id: true, name: true, email: true } },
  table: { select: { id: true, label: true, area: { select: { id: true, name: true, location: true } } } },
  feedback: { select: { userId: true, checkedInAt: true, happened: true, rating: true, note: true } },
} satisfies Prisma.MingleSessionSelect;

type SessionRecord = Prisma.MingleSessionGetPayload<{ select: typeof sessionSelect }>;

function toDetail(r: SessionRecord): SessionDetail {
  return {
    id: r.id,
    conferenceId: r.conferenceId,
    conferenceTimeZone: r.conference.timeZone,
    conferenceName: r.conference.name,
    requesterId: r.requesterId,
    expertId: r.expertId,
    status: r.status,
    awaiting: r.awaiting,
    slotId: r.slotId,
    slotStartUtc: r.slot.startsAt,
    slotEndUtc: r.slot.endsAt,
    tableId: r.tableId,
    holdExpiresAt: r.holdExpiresAt,
    proposalCount: r.proposalCount,
    sequence: r.sequence,
    closedReason: r.closedReason,
    closedById: r.closedById,
    message: r.message,
    offer: r.offer,
    requester: r.requester,
    expert: r.expert,
    table: r.table,
    feedback: r.feedback,
    updatedAt: r.updatedAt,
  };
}

const LIVE: SessionStatus[] = ["PENDING", "ACCEPTED"];

export type BookingRepo = ReturnType<typeof bookingRepo>;

export function bookingRepo(db: Db) {
  return {
    /** The conference the app serves: the most recently started one. */
    async currentConference(id?: string): Promise<ConferenceInfo | null> {
      const c = await db.conference.findFirst({
        where: id ? { id } : undefined,
        orderBy: { startDate: "desc" },
        select: {
          id: true,
          name: true,
          timeZone: true,
          startDate: true,
          endDate: true,
          slotMinutes: true,
          mingleHours: { select: { day: true, opensAt: true, closesAt: true }, orderBy: { day: "asc" } },
        },
      });
      return c ? { ...c, hours: c.mingleHours } : null;
    },

    async listSlots(conferenceId: string, range?: { from?: Date; to?: Date }): Promise<SlotRow[]> {
      return db.mingleSlot.findMany({
        where: { conferenceId, startsAt: { gte: range?.from, lt: range?.to } },
        select: { id: true, conferenceId: true, startsAt: true, endsAt: true },
        orderBy: { startsAt: "asc" },
      });
    },

    async slotById(id: string): Promise<SlotRow | null> {
      return db.mingleSlot.findUnique({ where: { id }, select: { id: true, conferenceId: true, startsAt: true, endsAt: true } });
    },

    async slotAt(conferenceId: string, startsAt: Date): Promise<SlotRow | null> {
      return db.mingleSlot.findUnique({
        where: { conferenceId_startsAt: { conferenceId, startsAt } },
        select: { id: true, conferenceId: true, startsAt: true, endsAt: true },
      });
    },

    async existingSlots(conferenceId: string): Promise<ExistingSlot[]> {
      const rows = await db.mingleSlot.findMany({
        where: { conferenceId },
        select: { id: true, startsAt: true, endsAt: true, sessions: { select: { status: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        startUtc: r.startsAt,
        endUtc: r.endsAt,
        sessions: r.sessions.length,
        liveSessions: r.sessions.filter((s) => LIVE.includes(s.status)).length,
      }));
    },

    /**
     * Applies a slot plan in one transaction, one sync per conference at a time (advisory lock).
     * A session created meanwhile on a slot being removed makes the delete fail: the caller replans.
     */
    async applySlotPlan(conferenceId: string, plan: { removeIds: string[]; create: Slot[] }): Promise<void> {
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`slots:${conferenceId}`}))`;
        if (plan.removeIds.length) {
          const { count } = await tx.mingleSlot.deleteMany({ where: { id: { in: plan.removeIds }, sessions: { none: {} } } });
          if (count !== plan.removeIds.length) throw new Error("A slot gained a session during the sync");
        }
        if (plan.create.length) {
          await tx.mingleSlot.createMany({
            data: plan.create.map((s) => ({ conferenceId, startsAt: s.startUtc, endsAt: s.endUtc })),
            skipDuplicates: true,
          });
        }
      }, TX);
    },

    async availableSlotIds(userId: string, conferenceId: string): Promise<Set<string>> {
      const rows = await db.availability.findMany({ where: { userId, slot: { conferenceId } }, select: { slotId: true } });
      return new Set(rows.map((r) => r.slotId));
    },

    async isAvailable(userId: string, slotId: string): Promise<boolean> {
      return (await db.availability.count({ where: { userId, slotId } })) > 0;
    },

    /** Slots where the person sits in a live session (their seats, kept by the trigger). */
    async busySlotIds(userId: string, conferenceId: string): Promise<Set<string>> {
      const rows = await db.sessionSeat.findMany({ where: { userId, session: { conferenceId } }, select: { slotId: true } });
      return new Set(rows.map((r) => r.slotId));
    },

    async hasSeat(userId: string, slotId: string): Promise<boolean> {
      return (await db.sessionSeat.count({ where: { userId, slotId } })) > 0;
    },

    async setAvailability(userId: string, conferenceId: string, change: { replaceAll?: boolean; add: string[]; remove: string[] }): Promise<void> {
      await db.$transaction(async (tx) => {
        if (change.replaceAll) await tx.availability.deleteMany({ where: { userId, slot: { conferenceId } } });
        else if (change.remove.length) await tx.availability.deleteMany({ where: { userId, slotId: { in: change.remove } } });
        if (change.add.length) await tx.availability.createMany({ data: change.add.map((slotId) => ({ userId, slotId })), skipDuplicates: true });
      }, TX);
    },

    async offer(id: string): Promise<OfferRow | null> {
      const o = await db.offer.findUnique({
        where: { id },
        select: { id: true, ownerId: true, title: true, active: true, hiddenAt: true, labTemplate: true },
      });
      return o ? { id: o.id, ownerId: o.ownerId, title: o.title, active: o.active, hidden: o.hiddenAt !== null, labTemplate: o.labTemplate } : null;
    },

    async preferredAreaId(userId: string): Promise<string | null> {
      const p = await db.profile.findUnique({ where: { userId }, select: { preferredAreaId: true } });
      return p?.preferredAreaId ?? null;
    },

    async tables(conferenceId: string): Promise<TableRow[]> {
      const rows = await db.table.findMany({
        where: { area: { conferenceId } },
        select: { id: true, label: true, seats: true, area: { select: { id: true, name: true, location: true } } },
      });
      return rows.map((t) => ({ id: t.id, label: t.label, seats: t.seats, areaId: t.area.id, areaName: t.area.name, location: t.area.location }));
    },

    async takenTableIds(slotId: string): Promise<Set<string>> {
      const rows = await db.mingleSession.findMany({
        where: { slotId, status: { in: LIVE }, tableId: { not: null } },
        select: { tableId: true },
      });
      return new Set(rows.map((r) => r.tableId!));
    },

    async takenTablesBySlot(slotIds: string[]): Promise<Map<string, Set<string>>> {
      const rows = await db.mingleSession.findMany({
        where: { slotId: { in: slotIds }, status: { in: LIVE }, tableId: { not: null } },
        select: { slotId: true, tableId: true },
      });
      const out = new Map<string, Set<string>>(slotIds.map((id) => [id, new Set<string>()]));
      for (const r of rows) out.get(r.slotId)?.add(r.tableId!);
      return out;
    },

    /**
     * A new request, in one transaction (retried on deadlock): the requester's row is locked first,
     * so one person's requests queue behind each other and the pending count is exact, while
     * different people never wait on each other (SERIALIZABLE made every racing request retry).
     * Lapsed holds of the two people in that slot are expired, the requester's pending requests are
     * counted and `build` (rules.openRequest) decides; the seat trigger then refuses a double booking.
     */
    async createRequest(
      input: NewSession & { requesterId: string; expertId: string; slotId: string },
      now: Date,
      build: (pendingCount: number) => Result<SessionState, BookingErrorCode>,
    ): Promise<Result<{ id: string; expired: LapsedSession[] }, BookingErrorCode | "SEAT_TAKEN">> {
      try {
        return await withRetry(
          () =>
            db.$transaction(async (tx) => {
              await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${input.requesterId} FOR UPDATE`;
              const people = [input.requesterId, input.expertId];
              const expired = await tx.$queryRaw<LapsedSession[]>`
                UPDATE "MingleSession"
                   SET status = 'EXPIRED', "holdExpiresAt" = NULL, sequence = sequence + 1, "updatedAt" = now()
                 WHERE "slotId" = ${input.slotId} AND status = 'PENDING' AND "holdExpiresAt" <= ${now}
                   AND ("requesterId" = ANY(${people}) OR "expertId" = ANY(${people}))
             RETURNING id, "requesterId", "expertId"`;
              const pendingCount = await tx.mingleSession.count({
                where: { requesterId: input.requesterId, status: "PENDING", holdExpiresAt: { gt: now } },
              });
              const built = build(pendingCount);
              if (!built.ok) throw new DomainError(built.code, built.message, built.fields);
              const s = built.value;
              await tx.mingleSession.create({
                data: {
                  id: s.id,
                  conferenceId: input.conferenceId,
                  offerId: input.offerId,
                  requesterId: s.requesterId,
                  expertId: s.expertId,
                  slotId: s.slotId,
                  status: s.status,
                  awaiting: s.awaiting,
                  holdExpiresAt: s.holdExpiresAt,
                  message: input.message,
                },
                select: { id: true },
              });
              return ok({ id: s.id, expired });
            }, TX),
          RETRY,
        );
      } catch (error) {
        if (error instanceof DomainError) return fail(error.code as BookingErrorCode, error.message, error.fields);
        if (conflictOf(error) === "SEAT_TAKEN") return fail("SEAT_TAKEN", "seat taken");
        throw error;
      }
    },

    /**
     * Compare-and-set: writes the transition only if the row is still at `from`/`fromSequence`
     * (and, when answering, its hold still runs). 0 rows → STALE_STATE; a unique index → its conflict.
     */
    async applyTransition(t: Transition, options: CasOptions = {}): Promise<Result<void, WriteConflict>> {
      const n = t.next;
      try {
        return await db.$transaction(async (tx) => {
          const { count } = await tx.mingleSession.updateMany({
            where: {
              id: n.id,
              status: t.from,
              sequence: t.fromSequence,
              ...(options.holdValidAt ? { holdExpiresAt: { gt: options.holdValidAt } } : {}),
            },
            data: {
              status: n.status,
              awaiting: n.awaiting,
              slotId: n.slotId,
              tableId: n.tableId,
              holdExpiresAt: n.holdExpiresAt,
              proposalCount: n.proposalCount,
              sequence: n.sequence,
              closedReason: n.closedReason,
              ...(options.closedById !== undefined ? { closedById: options.closedById } : {}),
            },
          });
          if (count === 0) return fail("STALE_STATE", "stale");
          if (options.audit) {
            await tx.auditEntry.create({
              data: { ...options.audit, subjectType: "MingleSession", subjectId: n.id, details: options.audit.details as Prisma.InputJsonValue },
              select: { id: true },
            });
          }
          return ok(undefined);
        }, TX);
      } catch (error) {
        const conflict = conflictOf(error);
        if (conflict) return fail(conflict, conflict);
        throw error;
      }
    },

    async session(id: string): Promise<SessionDetail | null> {
      const r = await db.mingleSession.findUnique({ where: { id }, select: sessionSelect });
      return r ? toDetail(r) : null;
    },

    async sessionsOf(userId: string): Promise<SessionDetail[]> {
      const rows = await db.mingleSession.findMany({
        where: { OR: [{ requesterId: userId }, { expertId: userId }] },
        select: sessionSelect,
        orderBy: { slot: { startsAt: "asc" } },
        take: 500,
      });
      return rows.map(toDetail);
    },

    async liveSessionsOfConference(conferenceId: string, range?: { from?: Date; to?: Date }): Promise<SessionDetail[]> {
      const rows = await db.mingleSession.findMany({
        where: { conferenceId, status: { in: LIVE }, slot: { startsAt: { gte: range?.from, lt: range?.to } } },
        select: sessionSelect,
        orderBy: { slot: { startsAt: "asc" } },
        take: 2000,
      });
      return rows.map(toDetail);
    },

    async tableInConference(tableId: string, conferenceId: string): Promise<boolean> {
      return (await db.table.count({ where: { id: tableId, area: { conferenceId } } })) > 0;
    },

    /** Marks the participant present (the first tap counts). */
    async checkIn(sessionId: string, userId: string, at: Date): Promise<void> {
      await db.sessionFeedback.upsert({
        where: { sessionId_userId: { sessionId, userId } },
        create: { sessionId, userId, checkedInAt: at },
        update: {},
        select: { sessionId: true },
      });
      await db.sessionFeedback.updateMany({ where: { sessionId, userId, checkedInAt: null }, data: { checkedInAt: at } });
    },

    async saveFeedback(sessionId: string, userId: string, input: { happened?: boolean; rating?: number; note?: string | null }): Promise<void> {
      const data = {
        ...(input.happened !== undefined ? { happened: input.happened } : {}),
        ...(input.rating !== undefined ? { rating: input.rating } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      await db.sessionFeedback.upsert({
        where: { sessionId_userId: { sessionId, userId } },
        create: { sessionId, userId, ...data },
        update: data,
        select: { sessionId: true },
      });
    },

    /** The sweeper: every pending request whose hold ran out becomes EXPIRED (sequence bumped). */
    async expireLapsed(now: Date): Promise<LapsedSession[]> {
      return db.$queryRaw<LapsedSession[]>`
        UPDATE "MingleSession"
           SET status = 'EXPIRED', "holdExpiresAt" = NULL, sequence = sequence + 1, "updatedAt" = now()
         WHERE status = 'PENDING' AND "holdExpiresAt" <= ${now}
     RETURNING id, "requesterId", "expertId"`;
    },

    async acceptedStartingBetween(from: Date, to: Date): Promise<SoonSession[]> {
      const rows = await db.mingleSession.findMany({
        where: { status: "ACCEPTED", slot: { startsAt: { gt: from, lte: to } } },
        select: {
          id: true,
          requesterId: true,
          expertId: true,
          sequence: true,
          slot: { select: { startsAt: true } },
          offer: { select: { title: true } },
          table: { select: { label: true, area: { select: { name: true } } } },
        },
      });
      return rows.map((r) => ({
        id: r.id,
        requesterId: r.requesterId,
        expertId: r.expertId,
        sequence: r.sequence,
        startsAt: r.slot.startsAt,
        offerTitle: r.offer.title,
        tableLabel: r.table?.label ?? null,
        areaName: r.table?.area.name ?? null,
      }));
    },

    /** People available in any of these slots who own an active offer, with those slots. */
    async expertsAvailableIn(slotIds: string[]): Promise<ExpertNow[]> {
      if (slotIds.length === 0) return [];
      const rows = await db.user.findMany({
        where: { availability: { some: { slotId: { in: slotIds } } }, offers: { some: { active: true, hiddenAt: null } } },
        select: {
          id: true,
          name: true,
          profile: { select: { headline: true } },
          availability: { where: { slotId: { in: slotIds } }, select: { slotId: true } },
          offers: { where: { active: true, hiddenAt: null }, select: { id: true, title: true }, orderBy: { createdAt: "asc" }, take: 5 },
        },
        orderBy: { name: "asc" },
        take: 500,
      });
      return rows.map((u) => ({
        id: u.id,
        name: u.name,
        headline: u.profile?.headline ?? "",
        slotIds: u.availability.map((a) => a.slotId),
        offers: u.offers,
      }));
    },

    async seatedUserIds(slotIds: string[]): Promise<Map<string, Set<string>>> {
      const rows = await db.sessionSeat.findMany({ where: { slotId: { in: slotIds } }, select: { slotId: true, userId: true } });
      const out = new Map<string, Set<string>>(slotIds.map((id) => [id, new Set<string>()]));
      for (const r of rows) out.get(r.slotId)?.add(r.userId);
      return out;
    },

    // ---- calendar feed ----------------------------------------------------------------------
    async feedOf(userId: string): Promise<{ token: string; createdAt: Date } | null> {
      return db.calendarFeed.findUnique({ where: { userId }, select: { token: true, createdAt: true } });
    },

    async setFeed(userId: string, token: string, now: Date): Promise<{ token: string; createdAt: Date }> {
      return db.calendarFeed.upsert({
        where: { userId },
        create: { userId, token, createdAt: now },
        update: { token, createdAt: now },
        select: { token: true, createdAt: true },
      });
    },

    async revokeFeed(userId: string): Promise<void> {
      await db.calendarFeed.deleteMany({ where: { userId } });
    },

    async feedOwner(token: string): Promise<{ userId: string; name: string } | null> {
      const f = await db.calendarFeed.findUnique({ where: { token }, select: { userId: true, user: { select: { name: true } } } });
      return f ? { userId: f.userId, name: f.user.name } : null;
    },
  };
}

export type { Participant };

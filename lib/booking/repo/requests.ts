import type { Db } from "@/lib/db";
import { DomainError, fail, ok, type Result } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BookingErrorCode } from "../errors";
import { withRetry } from "../retry";
import type { SessionState, Transition } from "../rules";
import { conflictOf, RETRY, TX, type WriteConflict } from "./conflicts";
import { expireLapsedWhere, recordEvent, type SessionEventInput } from "./session-events";

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
  /** The organizer desk's trail (AuditEntry), beside the session's own history. */
  audit?: AuditInput;
  /** The session's history entry for this change (transition.ts always passes one). */
  event?: SessionEventInput;
}

export interface LapsedSession {
  id: string;
  requesterId: string;
  expertId: string;
}

/** The writes that move a session through its states, each guarded by PostgreSQL. */
export interface RequestRepo {
  offer(id: string): Promise<OfferRow | null>;
  /**
   * A new request, in one transaction (retried on deadlock): the requester's row is locked first,
   * so one person's requests queue behind each other and the pending count is exact, while
   * different people never wait on each other (SERIALIZABLE made every racing request retry).
   * Lapsed holds of the two people in that slot are expired, the requester's pending requests are
   * counted and `build` (rules.openRequest) decides; the seat trigger then refuses a double booking.
   */
  createRequest(
    input: NewSession & { requesterId: string; expertId: string; slotId: string },
    now: Date,
    build: (pendingCount: number) => Result<SessionState, BookingErrorCode>,
  ): Promise<Result<{ id: string; expired: LapsedSession[] }, BookingErrorCode | "SEAT_TAKEN">>;
  /**
   * Compare-and-set: writes the transition only if the row is still at `from`/`fromSequence`
   * (and, when answering, its hold still runs). 0 rows → STALE_STATE; a unique index → its conflict.
   */
  applyTransition(t: Transition, options?: CasOptions): Promise<Result<void, WriteConflict>>;
}

export function requestRepo(db: Db): RequestRepo {
  return {
    async offer(id) {
      const o = await db.offer.findUnique({
        where: { id },
        select: { id: true, ownerId: true, title: true, active: true, hiddenAt: true, labTemplate: true },
      });
      return o ? { id: o.id, ownerId: o.ownerId, title: o.title, active: o.active, hidden: o.hiddenAt !== null, labTemplate: o.labTemplate } : null;
    },

    async createRequest(input, now, build) {
      try {
        return await withRetry(
          () =>
            db.$transaction(async (tx) => {
              await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${input.requesterId} FOR UPDATE`;
              const people = [input.requesterId, input.expertId];
              const expired = await expireLapsedWhere(tx, now, Prisma.sql`"slotId" = ${input.slotId} AND ("requesterId" = ANY(${people}) OR "expertId" = ANY(${people}))`);
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
              await recordEvent(tx, s.id, null, s.status, { actorId: s.requesterId, action: "request" });
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

    async applyTransition(t, options = {}) {
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
          if (options.event) await recordEvent(tx, n.id, t.from, n.status, options.event);
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
  };
}

import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionAction, SessionStatus } from "../rules";
import type { LapsedSession } from "./requests";

/** The part of an event the use case knows; from/to come from the transition itself. */
export interface SessionEventInput {
  /** Null for the system (a hold that ran out). */
  actorId: string | null;
  action: SessionAction;
  details?: Record<string, unknown>;
}

export interface SessionEventRow {
  id: string;
  at: Date;
  action: SessionAction;
  actor: { id: string; name: string } | null;
  fromStatus: SessionStatus | null;
  toStatus: SessionStatus;
  details: Record<string, unknown>;
}

export interface SessionEventRepo {
  /** A session's history, oldest first. */
  sessionEvents(sessionId: string): Promise<SessionEventRow[]>;
}

type Tx = Prisma.TransactionClient;

/** Written inside the transaction of the change it records, so history and state cannot disagree. */
export async function recordEvent(tx: Tx, sessionId: string, from: SessionStatus | null, to: SessionStatus, e: SessionEventInput): Promise<void> {
  await tx.sessionEvent.create({
    data: { sessionId, actorId: e.actorId, action: e.action, fromStatus: from, toStatus: to, details: (e.details ?? {}) as Prisma.InputJsonValue },
    select: { id: true },
  });
}

/**
 * Expires the pending requests matching `where` whose hold ran out at `now`, and records each
 * expiry, in one statement (the sweeper and a new request's clean-up of its slot both use it).
 */
export function expireLapsedWhere(tx: Tx | Db, now: Date, where: Prisma.Sql = Prisma.sql`TRUE`): Promise<LapsedSession[]> {
  return tx.$queryRaw<LapsedSession[]>`
    WITH expired AS (
      UPDATE "MingleSession"
         SET status = 'EXPIRED', "holdExpiresAt" = NULL, sequence = sequence + 1, "updatedAt" = now()
       WHERE status = 'PENDING' AND "holdExpiresAt" <= ${now} AND ${where}
   RETURNING id, "requesterId", "expertId"
    ), logged AS (
      INSERT INTO "SessionEvent" (id, "sessionId", action, "fromStatus", "toStatus")
      SELECT gen_random_uuid()::text, id, 'expire', 'PENDING', 'EXPIRED' FROM expired
    )
    SELECT id, "requesterId", "expertId" FROM expired`;
}

export function sessionEventRepo(db: Db): SessionEventRepo {
  return {
    async sessionEvents(sessionId) {
      const rows = await db.sessionEvent.findMany({
        where: { sessionId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 500,
        select: { id: true, createdAt: true, action: true, fromStatus: true, toStatus: true, details: true, actor: { select: { id: true, name: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        at: r.createdAt,
        action: r.action as SessionAction,
        actor: r.actor,
        fromStatus: r.fromStatus,
        toStatus: r.toStatus,
        details: (r.details ?? {}) as Record<string, unknown>,
      }));
    },
  };
}

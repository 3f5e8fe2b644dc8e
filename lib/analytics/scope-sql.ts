import { Prisma } from "@/lib/db";
import type { AnalyticsScope } from "./rows";

/** The SQL pieces every aggregate of repo.ts starts from: what is in scope for a conference, a day and an area. */

/**
 * The conference's sessions in scope: a day by its slot's start, an area by the table, else (no
 * table yet) the expert's preferred area. `accepted` keeps agreed sessions only, filtered on the
 * stored status so the planner can estimate it (a CASE over the status it cannot, and a 1-row guess
 * made the held figures re-run their feedback aggregate per session: 600 ms instead of 15 on the
 * benchmark). The area test is two semi-joins for the same reason: coalesce() over two outer
 * joins was estimated at one row.
 */
export function scopedSessions(s: AnalyticsScope, opts: { accepted?: boolean } = {}): Prisma.Sql {
  return Prisma.sql`
    SELECT ms.id,
           -- A pending request whose hold ran out is expired even before the sweeper writes it (booking rules.isHoldExpired).
           CASE WHEN ms.status = 'PENDING' AND ms."holdExpiresAt" <= ${s.now} THEN 'EXPIRED' ELSE ms.status::text END AS status,
           ms."requesterId", ms."expertId", ms."offerId", ms."tableId", ms."createdAt", ms."closedReason", sl."startsAt", sl."endsAt"
      FROM "MingleSession" ms
      JOIN "MingleSlot" sl ON sl.id = ms."slotId"
     WHERE ms."conferenceId" = ${s.conferenceId}
       ${opts.accepted ? Prisma.sql`AND ms.status = 'ACCEPTED'` : Prisma.empty}
       ${dayRange(s, Prisma.sql`sl."startsAt"`)}
       ${
         s.areaId
           ? Prisma.sql`AND (ms."tableId" IN (SELECT id FROM "Table" WHERE "areaId" = ${s.areaId})
                  OR (ms."tableId" IS NULL AND ms."expertId" IN (SELECT "userId" FROM "Profile" WHERE "preferredAreaId" = ${s.areaId})))`
           : Prisma.empty
       }`;
}

export function dayRange(s: AnalyticsScope, column: Prisma.Sql): Prisma.Sql {
  return s.from && s.to ? Prisma.sql`AND ${column} >= ${s.from} AND ${column} < ${s.to}` : Prisma.empty;
}

/** The conference's slots in scope. */
export function scopedSlots(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`SELECT id, "startsAt" FROM "MingleSlot" WHERE "conferenceId" = ${s.conferenceId} ${dayRange(s, Prisma.sql`"startsAt"`)}`;
}

/** The conference's tables in scope (one area, or all). */
export function scopedTables(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT t.id, t."areaId" FROM "Table" t JOIN "MingleArea" a ON a.id = t."areaId"
     WHERE a."conferenceId" = ${s.conferenceId} ${s.areaId ? Prisma.sql`AND a.id = ${s.areaId}` : Prisma.empty}`;
}

/** Demand misses in the day range (misses are conference-wide: a search or a full hall has no area). */
export function scopedMisses(s: AnalyticsScope, kind: "NO_TABLE_FREE" | "SEARCH_EMPTY"): Prisma.Sql {
  return Prisma.sql`
    SELECT * FROM "DemandMiss"
     WHERE kind = ${kind}::"DemandMissKind" AND ("conferenceId" IS NULL OR "conferenceId" = ${s.conferenceId})
       ${dayRange(s, Prisma.sql`"createdAt"`)}`;
}

/** Labs of this conference's sessions, and labs opened from the Labs page; by launch day, and by the session's area. */
export function scopedLabs(s: AnalyticsScope): Prisma.Sql {
  return Prisma.sql`
    SELECT l.* FROM "Lab" l
      LEFT JOIN "MingleSession" ms ON ms.id = l."sessionId"
      LEFT JOIN "Table" t ON t.id = ms."tableId"
     WHERE (l."sessionId" IS NULL OR ms."conferenceId" = ${s.conferenceId})
       ${dayRange(s, Prisma.sql`l."createdAt"`)}
       ${s.areaId ? Prisma.sql`AND t."areaId" = ${s.areaId}` : Prisma.empty}`;
}

export const ANSWERS = Prisma.sql`('accept', 'decline', 'propose')`;

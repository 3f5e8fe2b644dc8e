import { Prisma, type Db } from "@/lib/db";
import type {
  ActionByWhoRow,
  AnalyticsRepo,
  AreaRow,
  ExpertRow,
  FullSlotRow,
  FunnelRow,
  HeatCellRow,
  HeldRow,
  LabFailureRow,
  LabRow,
  MissedSearchRow,
  PersonRow,
  SessionListRow,
  TopicRow,
} from "./rows";
import { ANSWERS, scopedLabs, scopedMisses, scopedSessions, scopedSlots, scopedTables } from "./scope-sql";

/**
 * The only place analytics touches the database: each figure is one aggregate in SQL over the
 * conference's sessions, events, feedback, labs and demand misses (docs/decisions/0013-analytics-aggregates.md).
 * The sessions in scope are a NOT MATERIALIZED CTE: inlined, the planner keeps MingleSession's
 * statistics (id is unique), where a materialised CTE made it guess 32 million rows for the
 * sessions list and spend 600 ms compiling it with JIT.
 * Rows come back typed and plain; every count is cast to int and every fraction to float8 in SQL, so
 * no bigint or Decimal reaches the use cases. All input reaches SQL as parameters.
 */

export function analyticsRepo(db: Db): AnalyticsRepo {
  return {
    async areas(conferenceId) {
      return db.$queryRaw<AreaRow[]>`
        SELECT a.id, a.name, count(t.id)::int AS tables
          FROM "MingleArea" a LEFT JOIN "Table" t ON t."areaId" = a.id
         WHERE a."conferenceId" = ${conferenceId}
         GROUP BY a.id, a.name ORDER BY a.name`;
    },

    async attendeeCount() {
      const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE role = 'ATTENDEE'`;
      return row?.n ?? 0;
    },

    async funnel(s) {
      const [row] = await db.$queryRaw<FunnelRow[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)}),
        e AS (
          SELECT e."sessionId",
                 min(e."createdAt") FILTER (WHERE e.action IN ${ANSWERS}) AS answered,
                 bool_or(e.action = 'accept') AS "acceptedEver",
                 bool_or(e.action = 'withdraw') AS withdrawn
            FROM "SessionEvent" e JOIN s ON s.id = e."sessionId"
           GROUP BY e."sessionId"
        )
        SELECT count(*)::int AS requests,
               count(*) FILTER (WHERE s.status = 'PENDING')::int AS pending,
               count(*) FILTER (WHERE s.status = 'ACCEPTED')::int AS accepted,
               count(*) FILTER (WHERE s.status = 'DECLINED')::int AS declined,
               count(*) FILTER (WHERE s.status = 'EXPIRED')::int AS expired,
               count(*) FILTER (WHERE s.status = 'CANCELLED' AND coalesce(e.withdrawn, false))::int AS withdrawn,
               count(*) FILTER (WHERE s.status = 'CANCELLED' AND NOT coalesce(e.withdrawn, false))::int AS cancelled,
               count(*) FILTER (WHERE coalesce(e."acceptedEver", false) OR s.status = 'ACCEPTED')::int AS "everAccepted",
               count(e.answered)::int AS answered,
               (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.answered - s."createdAt")))::float8 AS "medianAnswerSeconds"
          FROM s LEFT JOIN e ON e."sessionId" = s.id`;
      return row!;
    },

    async actionsByWho(s) {
      return db.$queryRaw<ActionByWhoRow[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)})
        SELECT e.action,
               CASE WHEN e.action = 'organizer_cancel' THEN 'organizer'
                    WHEN e."actorId" = s."requesterId" THEN 'requester'
                    WHEN e."actorId" = s."expertId" THEN 'expert'
                    WHEN e."actorId" IS NULL THEN 'system'
                    ELSE 'organizer' END AS by,
               e."fromStatus"::text AS "fromStatus",
               count(*)::int AS count
          FROM "SessionEvent" e JOIN s ON s.id = e."sessionId"
         WHERE e.action IN ('cancel', 'organizer_cancel', 'reschedule', 'propose')
         GROUP BY 1, 2, 3`;
    },

    async held(s) {
      const [row] = await db.$queryRaw<HeldRow[]>`
        WITH due AS NOT MATERIALIZED (SELECT * FROM (${scopedSessions(s, { accepted: true })}) x WHERE x."endsAt" <= ${s.now}),
        f AS (
          SELECT f."sessionId",
                 count(f."checkedInAt")::int AS checked,
                 count(*) FILTER (WHERE f.happened)::int AS yes,
                 count(*) FILTER (WHERE f.happened = false)::int AS no
            FROM "SessionFeedback" f JOIN due ON due.id = f."sessionId"
           GROUP BY f."sessionId"
        )
        SELECT count(*)::int AS due,
               count(*) FILTER (WHERE coalesce(f.checked, 0) >= 2)::int AS "checkedInBoth",
               count(*) FILTER (WHERE f.checked = 1)::int AS "checkedInOne",
               count(*) FILTER (WHERE coalesce(f.checked, 0) = 0)::int AS "checkedInNone",
               coalesce(sum(f.yes), 0)::int AS "happenedYes",
               coalesce(sum(f.no), 0)::int AS "happenedNo",
               count(*) FILTER (WHERE f.yes >= 2)::int AS "confirmedByBoth",
               count(*) FILTER (WHERE f.no >= 1)::int AS "noShows",
               count(*) FILTER (WHERE coalesce(f.yes, 0) + coalesce(f.no, 0) = 0)::int AS unanswered,
               (SELECT avg(fb.rating)::float8 FROM "SessionFeedback" fb JOIN due d ON d.id = fb."sessionId" WHERE fb.rating IS NOT NULL) AS "ratingAverage"
          FROM due LEFT JOIN f ON f."sessionId" = due.id`;
      return row!;
    },

    async ratings(s) {
      return db.$queryRaw<{ stars: number; count: number }[]>`
        WITH due AS NOT MATERIALIZED (SELECT * FROM (${scopedSessions(s, { accepted: true })}) x WHERE x."endsAt" <= ${s.now})
        SELECT g.stars::int AS stars, count(f.rating)::int AS count
          FROM generate_series(1, 5) AS g(stars)
          LEFT JOIN ("SessionFeedback" f JOIN due ON due.id = f."sessionId") ON f.rating = g.stars
         GROUP BY g.stars ORDER BY g.stars`;
    },

    async meetingsPerAttendee(s) {
      return db.$queryRaw<{ meetings: number; attendees: number }[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s, { accepted: true })}),
        seats AS (SELECT "requesterId" AS "userId" FROM s UNION ALL SELECT "expertId" FROM s),
        per AS (
          SELECT u.id, count(seats."userId")::int AS n
            FROM "User" u LEFT JOIN seats ON seats."userId" = u.id
           WHERE u.role = 'ATTENDEE'
           GROUP BY u.id
        )
        SELECT n AS meetings, count(*)::int AS attendees FROM per GROUP BY n ORDER BY n`;
    },

    async experts(s) {
      return db.$queryRaw<ExpertRow[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)}),
        ever AS (SELECT DISTINCT e."sessionId" FROM "SessionEvent" e JOIN s ON s.id = e."sessionId" WHERE e.action = 'accept')
        SELECT u.id, u.name,
               count(*)::int AS received,
               count(*) FILTER (WHERE ever."sessionId" IS NOT NULL OR s.status = 'ACCEPTED')::int AS accepted,
               count(*) FILTER (WHERE s.status = 'DECLINED')::int AS declined,
               count(*) FILTER (WHERE s.status = 'EXPIRED')::int AS expired,
               count(*) FILTER (WHERE s.status = 'PENDING')::int AS pending
          FROM s JOIN "User" u ON u.id = s."expertId" LEFT JOIN ever ON ever."sessionId" = s.id
         GROUP BY u.id, u.name
         ORDER BY received DESC, u.name, u.id`;
    },

    async idleExperts(s, limit) {
      const rows = await db.$queryRaw<(PersonRow & { total: number })[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)})
        SELECT u.id, u.name, u.email, count(*) OVER ()::int AS total
          FROM "User" u
         WHERE EXISTS (SELECT 1 FROM "Offer" o WHERE o."ownerId" = u.id AND o.active AND o."hiddenAt" IS NULL)
           AND NOT EXISTS (SELECT 1 FROM s WHERE s."expertId" = u.id)
         ORDER BY u.name, u.id
         ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
      return { count: rows[0]?.total ?? 0, people: rows.map(({ total: _t, ...p }) => p) };
    },

    async neverBooked(s, limit) {
      const rows = await db.$queryRaw<(PersonRow & { total: number })[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)}),
        seats AS (SELECT "requesterId" AS "userId" FROM s UNION SELECT "expertId" FROM s)
        SELECT u.id, u.name, u.email, count(*) OVER ()::int AS total
          FROM "User" u
         WHERE u.role = 'ATTENDEE' AND NOT EXISTS (SELECT 1 FROM seats WHERE seats."userId" = u.id)
         ORDER BY u.name, u.id
         ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
      return { count: rows[0]?.total ?? 0, people: rows.map(({ total: _t, ...p }) => p) };
    },

    async heatmap(s) {
      return db.$queryRaw<HeatCellRow[]>`
        WITH sl AS (${scopedSlots(s)}),
        t AS (${scopedTables(s)}),
        hours AS (SELECT extract(hour FROM sl."startsAt" AT TIME ZONE ${s.timeZone})::int AS hour, count(*)::int AS slots FROM sl GROUP BY 1),
        per_area AS (SELECT t."areaId", count(*)::int AS tables FROM t GROUP BY t."areaId"),
        used AS (
          SELECT t."areaId", extract(hour FROM sl."startsAt" AT TIME ZONE ${s.timeZone})::int AS hour, count(*)::int AS booked
            FROM "MingleSession" ms JOIN sl ON sl.id = ms."slotId" JOIN t ON t.id = ms."tableId"
           WHERE ms."conferenceId" = ${s.conferenceId} AND ms.status = 'ACCEPTED'
           GROUP BY 1, 2
        )
        SELECT a."areaId", h.hour, coalesce(u.booked, 0)::int AS booked, (h.slots * a.tables)::int AS capacity
          FROM per_area a CROSS JOIN hours h
          LEFT JOIN used u ON u."areaId" = a."areaId" AND u.hour = h.hour
         ORDER BY a."areaId", h.hour`;
    },

    async fullSlots(s) {
      return db.$queryRaw<FullSlotRow[]>`
        WITH sl AS (${scopedSlots(s)}),
        t AS (${scopedTables(s)}),
        used AS (
          SELECT ms."slotId", count(*)::int AS booked
            FROM "MingleSession" ms JOIN sl ON sl.id = ms."slotId" JOIN t ON t.id = ms."tableId"
           WHERE ms."conferenceId" = ${s.conferenceId} AND ms.status IN ('ACCEPTED', 'PENDING')
           GROUP BY ms."slotId"
        ),
        refused AS (SELECT m."slotId", count(*)::int AS n FROM (${scopedMisses(s, "NO_TABLE_FREE")}) m GROUP BY m."slotId")
        SELECT sl.id AS "slotId", sl."startsAt", coalesce(u.booked, 0)::int AS booked, (SELECT count(*)::int FROM t) AS tables, coalesce(r.n, 0)::int AS "refusedNoTable"
          FROM sl LEFT JOIN used u ON u."slotId" = sl.id LEFT JOIN refused r ON r."slotId" = sl.id
         WHERE coalesce(r.n, 0) > 0 OR (coalesce(u.booked, 0) >= (SELECT count(*) FROM t) AND (SELECT count(*) FROM t) > 0)
         ORDER BY sl."startsAt"
         LIMIT 500`;
    },

    async refusedNoTable(s) {
      const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${scopedMisses(s, "NO_TABLE_FREE")}) m`;
      return row?.n ?? 0;
    },

    async topics(s) {
      return db.$queryRaw<TopicRow[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)}),
        x AS (
          SELECT unnest(o.tags) AS tag, 1 AS offers, 0 AS offering, 0 AS seeking, 0 AS requests, 0 AS accepted, 0 AS missed
            FROM "Offer" o WHERE o.active AND o."hiddenAt" IS NULL
          UNION ALL SELECT unnest(p."offerTags"), 0, 1, 0, 0, 0, 0 FROM "Profile" p
          UNION ALL SELECT unnest(p."seekTags"), 0, 0, 1, 0, 0, 0 FROM "Profile" p
          UNION ALL SELECT unnest(o.tags), 0, 0, 0, 1, (s.status = 'ACCEPTED')::int, 0 FROM s JOIN "Offer" o ON o.id = s."offerId"
          UNION ALL SELECT unnest(m.tags), 0, 0, 0, 0, 0, 1 FROM (${scopedMisses(s, "SEARCH_EMPTY")}) m
        )
        SELECT tag, sum(offers)::int AS offers, sum(offering)::int AS offering, sum(seeking)::int AS seeking,
               sum(requests)::int AS requests, sum(accepted)::int AS accepted, sum(missed)::int AS "missedSearches"
          FROM x GROUP BY tag
         ORDER BY sum(seeking + requests + missed) DESC, tag
         LIMIT 200`;
    },

    async missedSearches(s, limit) {
      const rows = await db.$queryRaw<(MissedSearchRow & { total: number })[]>`
        SELECT lower(coalesce(m.query, '')) AS query, count(*)::int AS count, max(m."createdAt") AS "lastAt", sum(count(*)) OVER ()::int AS total
          FROM (${scopedMisses(s, "SEARCH_EMPTY")}) m
         GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${limit}`;
      const [all] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${scopedMisses(s, "SEARCH_EMPTY")}) m`;
      return { total: all?.n ?? 0, rows: rows.map(({ total: _t, ...r }) => r) };
    },

    async labs(s) {
      return db.$queryRaw<LabRow[]>`
        WITH l AS (${scopedLabs(s)})
        SELECT "templateName" AS template, "engineId",
               count(*)::int AS launched,
               count("readyAt")::int AS ready,
               count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
               count(*) FILTER (WHERE status = 'LOST')::int AS lost,
               count("sessionId")::int AS "inSessions",
               (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "readyAt" - "createdAt")))::float8 AS "medianSecondsToShell"
          FROM l GROUP BY 1, 2 ORDER BY launched DESC, 1, 2`;
    },

    async labFailures(s) {
      return db.$queryRaw<LabFailureRow[]>`
        WITH l AS (${scopedLabs(s)})
        SELECT status::text AS status, coalesce(nullif("failureReason", ''), '(no reason recorded)') AS reason, count(*)::int AS count
          FROM l WHERE status IN ('FAILED', 'LOST')
         GROUP BY 1, 2 ORDER BY count DESC, 2 LIMIT 50`;
    },

    async sessions(s) {
      return db.$queryRaw<SessionListRow[]>`
        WITH s AS NOT MATERIALIZED (${scopedSessions(s)}),
        e AS (
          SELECT e."sessionId", min(e."createdAt") FILTER (WHERE e.action IN ${ANSWERS}) AS answered
            FROM "SessionEvent" e JOIN s ON s.id = e."sessionId" GROUP BY e."sessionId"
        ),
        f AS (
          SELECT f."sessionId", count(f."checkedInAt")::int AS checked, count(*) FILTER (WHERE f.happened)::int AS yes,
                 count(*) FILTER (WHERE f.happened = false)::int AS no, avg(f.rating)::float8 AS rating
            FROM "SessionFeedback" f JOIN s ON s.id = f."sessionId" GROUP BY f."sessionId"
        )
        SELECT s.id, s."startsAt", s."endsAt", s.status, a.name AS area, t.label AS "table", o.title AS offer, o.tags,
               r.name AS requester, x.name AS expert, s."createdAt" AS "requestedAt", e.answered AS "answeredAt", s."closedReason",
               coalesce(f.checked, 0)::int AS "checkedIn", coalesce(f.yes, 0)::int AS "happenedYes", coalesce(f.no, 0)::int AS "happenedNo",
               f.rating AS "ratingAverage"
          FROM s
          JOIN "Offer" o ON o.id = s."offerId"
          JOIN "User" r ON r.id = s."requesterId"
          JOIN "User" x ON x.id = s."expertId"
          LEFT JOIN "Table" t ON t.id = s."tableId"
          LEFT JOIN "MingleArea" a ON a.id = t."areaId"
          LEFT JOIN e ON e."sessionId" = s.id
          LEFT JOIN f ON f."sessionId" = s.id
         ORDER BY s."startsAt", a.name NULLS LAST, t.label NULLS LAST, s.id`;
    },
  };
}

// Organizer analytics on a real conference's data: 5,000 attendees, 20,000 offers and 15,000
// sessions (with their history, check-ins, feedback, labs and demand misses) written by SQL to a
// fresh PostgreSQL database, then GET /api/v1/organizer/analytics through the real server, for all
// days, one day and one area, and the Analytics page itself. Goal: p50 ≤ 200 ms.
//   npx next build && MINGLE_TEST_SERVER=production npx tsx bench/analytics.ts [--attendees 5000] [--offers 20000] [--sessions 15000] [--runs 40]
import os from "node:os";
import { argon2Hasher } from "@/lib/auth/deps";
import { syncSlots } from "@/lib/booking/sync-slots";
import { createPrismaClient } from "@/lib/db";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { signIn, startAppServer } from "@/lib/testing/app-server";
import { FIXTURE_PASSWORD, offlineBookingDeps } from "@/lib/testing/booking-fixtures";
import { machine, numberArg as arg, percentile, replaceResultsSection, writeBenchResult } from "./results";

const ATTENDEES = arg("attendees", 5000);
const OFFERS = arg("offers", 20000);
const SESSIONS = arg("sessions", 15000);
const RUNS = arg("runs", 40);
const PORT = arg("port", 3952);
const AREAS = 10;
const TABLES_PER_AREA = 20;
const SERVER_MODE = process.env.MINGLE_TEST_SERVER === "production" ? "production build" : "next dev";
const url = `postgresql://root@127.0.0.1:5432/mingle_bench_analytics_${process.pid}`;
const TAGS = [
  "kubernetes",
  "swarm",
  "container-security",
  "linuxkit",
  "moby",
  "ci-cd",
  "networking",
  "storage",
  "docker-compose",
  "observability",
  "serverless",
  "go",
  "secrets",
  "registries",
  "java",
  "python",
];
const round = (n: number) => Math.round(n * 10) / 10;

await ensureDatabase(url);
await applyMigrations(url, "prisma/migrations");
const db = createPrismaClient(url);
/** Writes the conference; returns its id, the days and what was written. */
async function seed() {
  const seedStarted = performance.now();

  // ---- the conference: 3 days (the first two over), 09:00–18:00, 20-minute slots, 10 areas × 20 tables ----
  const zone = "America/Chicago";
  const today = new Date().toLocaleDateString("en-CA", { timeZone: zone });
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const days = [day(-2), day(-1), day(0)];
  const conference = await db.conference.create({
    data: {
      slug: "bench-analytics",
      name: "Analytics bench conference",
      timeZone: zone,
      startDate: new Date(`${days[0]}T00:00:00Z`),
      endDate: new Date(`${days[2]}T00:00:00Z`),
      mingleHours: { create: days.map((d) => ({ day: new Date(`${d}T00:00:00Z`), opensAt: "09:00", closesAt: "18:00" })) },
      areas: {
        create: Array.from({ length: AREAS }, (_, a) => ({
          name: `Area ${a + 1}`,
          tables: { create: Array.from({ length: TABLES_PER_AREA }, (_, t) => ({ label: `T${t + 1}` })) },
        })),
      },
    },
    select: { id: true },
  });
  const synced = await syncSlots(offlineBookingDeps(db), conference.id);
  if (!synced.ok) throw new Error(synced.message);
  const c = conference.id;

  // ---- people, profiles, offers ---------------------------------------------------------------------
  const passwordHash = await argon2Hasher.hash(FIXTURE_PASSWORD);
  await db.user.create({ data: { email: "organizer@bench.test", name: "Bench organizer", role: "ORGANIZER", passwordHash }, select: { id: true } });
  await db.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, role, "updatedAt")
    SELECT 'u' || g, 'person' || g || '@bench.test', 'Person ' || g, 'ATTENDEE', now() FROM generate_series(0, ${ATTENDEES - 1}) g`);
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Profile" (id, "userId", headline, "offerTags", "seekTags", "preferredAreaId", "updatedAt")
    SELECT 'p' || g, 'u' || g, 'Headline ' || g, ($1::text[])[g % 16 + 1:g % 16 + 1], ($1::text[])[(g * 7) % 16 + 1:(g * 7) % 16 + 1],
           CASE WHEN g % 3 = 0 THEN (SELECT id FROM "MingleArea" WHERE "conferenceId" = $2 ORDER BY name OFFSET (g % ${AREAS}) LIMIT 1) END, now()
      FROM generate_series(0, ${ATTENDEES - 1}) g`,
    TAGS,
    c,
  );
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Offer" (id, "ownerId", title, description, tags, "updatedAt")
    SELECT 'o' || g, 'u' || (g % ${ATTENDEES}), 'Offer ' || g || ' on ' || ($1::text[])[g % 16 + 1], 'About ' || ($1::text[])[g % 16 + 1],
           ARRAY[($1::text[])[g % 16 + 1], ($1::text[])[(g / 16) % 16 + 1]], now()
      FROM generate_series(0, ${OFFERS - 1}) g`,
    TAGS,
  );

  // ---- sessions: spread over the slots so nobody and no table is in two live sessions of one slot ----
  // Session i sits in slot i % slots; its rank j in the slot picks two people nobody else in the slot
  // has; its status comes from i % 20 (half accepted); accepted ones get the slot's next free table.
  await db.$executeRawUnsafe(
    `
    WITH slots AS (SELECT id, "startsAt", "endsAt", row_number() OVER (ORDER BY "startsAt") - 1 AS k, count(*) OVER () AS n FROM "MingleSlot" WHERE "conferenceId" = $1),
    base AS (
      SELECT g AS i, s.id AS "slotId", s."startsAt", s.k, g / s.n AS j,
             CASE WHEN g % 20 < 10 THEN 'ACCEPTED' WHEN g % 20 < 13 THEN 'DECLINED' WHEN g % 20 < 15 THEN 'EXPIRED' WHEN g % 20 < 17 THEN 'CANCELLED' ELSE 'PENDING' END AS status
        FROM generate_series(0, ${SESSIONS - 1}) g JOIN slots s ON s.k = g % s.n
    ),
    ranked AS (SELECT b.*, CASE WHEN status = 'ACCEPTED' THEN row_number() OVER (PARTITION BY "slotId", status = 'ACCEPTED' ORDER BY i) END AS t FROM base b),
    tables AS (SELECT t.id, row_number() OVER (ORDER BY a.name, t.label) AS r FROM "Table" t JOIN "MingleArea" a ON a.id = t."areaId" WHERE a."conferenceId" = $1)
    INSERT INTO "MingleSession" (id, "conferenceId", "offerId", "requesterId", "expertId", "slotId", "tableId", status, "holdExpiresAt", "closedById", "createdAt", "updatedAt")
    SELECT 's' || r.i, $1, 'o' || (((2 * r.j + 1 + 7 * r.k) % ${ATTENDEES}) + ${ATTENDEES} * (r.i % 4)), 'u' || ((2 * r.j + 7 * r.k) % ${ATTENDEES}), 'u' || ((2 * r.j + 1 + 7 * r.k) % ${ATTENDEES}),
           r."slotId", tb.id, r.status::"SessionStatus", CASE WHEN r.status = 'PENDING' THEN r."startsAt" END,
           CASE WHEN r.status = 'CANCELLED' THEN 'u' || ((2 * r.j + 7 * r.k) % ${ATTENDEES}) END,
           r."startsAt" - interval '1 day' + (r.i % 600) * interval '1 minute', now()
      FROM ranked r LEFT JOIN tables tb ON tb.r = r.t`,
    c,
  );
  const offersOk = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "MingleSession" s LEFT JOIN "Offer" o ON o.id = s."offerId" WHERE o."ownerId" <> s."expertId"`,
  );
  if (offersOk[0]!.n > 0) throw new Error(`${offersOk[0]!.n} sessions point at another person's offer`);

  // History: every request; its answer a few minutes later; withdrawals, cancellations after accepting.
  await db.$executeRawUnsafe(`
    INSERT INTO "SessionEvent" (id, "sessionId", "actorId", action, "fromStatus", "toStatus", "createdAt")
    SELECT 'e1' || id, id, "requesterId", 'request', NULL::"SessionStatus", 'PENDING'::"SessionStatus", "createdAt" FROM "MingleSession"
    UNION ALL
    SELECT 'e2' || id, id, "expertId", CASE WHEN status = 'DECLINED' THEN 'decline' ELSE 'accept' END, 'PENDING'::"SessionStatus",
           CASE WHEN status = 'DECLINED' THEN 'DECLINED' ELSE 'ACCEPTED' END::"SessionStatus", "createdAt" + (substr(id, 2)::int % 90) * interval '1 minute'
      FROM "MingleSession" WHERE status IN ('ACCEPTED', 'DECLINED') OR (status = 'CANCELLED' AND substr(id, 2)::int % 20 = 16)
    UNION ALL
    SELECT 'e3' || id, id, NULL, 'expire', 'PENDING'::"SessionStatus", 'EXPIRED'::"SessionStatus", "createdAt" + interval '1 hour' FROM "MingleSession" WHERE status = 'EXPIRED'
    UNION ALL
    SELECT 'e4' || id, id, "requesterId", CASE WHEN substr(id, 2)::int % 20 = 15 THEN 'withdraw' ELSE 'cancel' END,
           CASE WHEN substr(id, 2)::int % 20 = 15 THEN 'PENDING' ELSE 'ACCEPTED' END::"SessionStatus", 'CANCELLED'::"SessionStatus", "createdAt" + interval '2 hours'
      FROM "MingleSession" WHERE status = 'CANCELLED'`);
  // At the table and after it, for agreed sessions whose slot is over: most check in and answer.
  await db.$executeRawUnsafe(`
    INSERT INTO "SessionFeedback" ("sessionId", "userId", "checkedInAt", happened, rating, "updatedAt")
    SELECT s.id, p.who, CASE WHEN substr(s.id, 2)::int % 7 <> 0 THEN sl."startsAt" END,
           CASE WHEN substr(s.id, 2)::int % 11 = 0 THEN false WHEN substr(s.id, 2)::int % 5 <> 0 THEN true END,
           CASE WHEN substr(s.id, 2)::int % 3 <> 0 THEN 1 + (substr(s.id, 2)::int + length(p.who)) % 5 END, now()
      FROM "MingleSession" s JOIN "MingleSlot" sl ON sl.id = s."slotId", LATERAL (VALUES (s."requesterId"), (s."expertId")) p(who)
     WHERE s.status = 'ACCEPTED' AND sl."endsAt" < now()`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Lab" (id, "templateName", status, "failureReason", "readyAt", "engineId", "ownerId", "sessionId", "expiresAt", "createdAt", "updatedAt")
    SELECT 'l' || g, (ARRAY['shell', 'two-services', 'compose'])[g % 3 + 1], (CASE WHEN g % 17 = 0 THEN 'FAILED' WHEN g % 29 = 0 THEN 'LOST' ELSE 'STOPPED' END)::"LabStatus",
           CASE WHEN g % 17 = 0 THEN 'image not found' WHEN g % 29 = 0 THEN 'engine went away' END,
           CASE WHEN g % 17 <> 0 THEN s."createdAt" + interval '1 day' + (g % 9) * interval '1 second' END,
           (ARRAY['local', 'h2'])[g % 2 + 1], s."requesterId", s.id, now(), s."createdAt" + interval '1 day', now()
      FROM generate_series(0, 2999) g JOIN "MingleSession" s ON s.id = 's' || (g * 2)`);
  await db.$executeRawUnsafe(
    `
    INSERT INTO "DemandMiss" (id, kind, "conferenceId", "slotId", "userId", query, tags, "createdAt")
    SELECT 'm' || g, 'SEARCH_EMPTY'::"DemandMissKind", NULL, NULL, 'u' || g, 'wasm ' || (g % 40), ARRAY[($1::text[])[g % 16 + 1]], now() - (g % 48) * interval '1 hour' FROM generate_series(0, 999) g
    UNION ALL
    SELECT 'n' || g, 'NO_TABLE_FREE'::"DemandMissKind", $2, (SELECT id FROM "MingleSlot" WHERE "conferenceId" = $2 ORDER BY "startsAt" OFFSET g % 60 LIMIT 1), NULL, NULL, '{}', now() - (g % 48) * interval '1 hour' FROM generate_series(0, 199) g`,
    TAGS,
    c,
  );
  await db.$executeRawUnsafe(`ANALYZE`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const [counts] = await db.$queryRawUnsafe<{ attendees: number; offers: number; sessions: number; events: number; feedback: number }[]>(`
    SELECT (SELECT count(*)::int FROM "User" WHERE role = 'ATTENDEE') AS attendees, (SELECT count(*)::int FROM "Offer") AS offers,
           (SELECT count(*)::int FROM "MingleSession") AS sessions, (SELECT count(*)::int FROM "SessionEvent") AS events, (SELECT count(*)::int FROM "SessionFeedback") AS feedback`);
  console.log(`seeded in ${round(seedSeconds)} s:`, counts);
  return { c, days, counts: counts!, seedSeconds };
}

let seeded: Awaited<ReturnType<typeof seed>>;
try {
  seeded = await seed();
} catch (error) {
  await db.$disconnect();
  await dropDatabase(url);
  throw error;
}
const { c, days, counts, seedSeconds } = seeded;

// ---- measure through the real server ------------------------------------------------------------------
const server = await startAppServer({ port: PORT, databaseUrl: url, distDir: ".next-analytics-bench" });
try {
  const cookie = await signIn(server.base, "organizer@bench.test", FIXTURE_PASSWORD);
  const area = (await db.mingleArea.findFirst({ where: { conferenceId: c }, orderBy: { name: "asc" }, select: { id: true } }))!.id;
  const time = async (path: string) => {
    const latencies: number[] = [];
    for (let i = 0; i < RUNS + 5; i++) {
      const t0 = performance.now();
      const r = await fetch(`${server.base}${path}`, { headers: { cookie } });
      const body = await r.text();
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 300)}`);
      if (i >= 5) latencies.push(performance.now() - t0); // the first five warm the JIT and the caches
    }
    return { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)) };
  };
  const all = await time("/api/v1/organizer/analytics");
  const oneDay = await time(`/api/v1/organizer/analytics?day=${days[1]}`);
  const oneArea = await time(`/api/v1/organizer/analytics?areaId=${area}`);
  const page = await time("/organizer/analytics");
  const csv = await time("/api/v1/organizer/analytics/export?table=sessions");
  const check = (await (await fetch(`${server.base}/api/v1/organizer/analytics`, { headers: { cookie } })).json()) as { funnel: { requests: number } };
  if (check.funnel.requests !== counts!.sessions) throw new Error(`the funnel counts ${check.funnel.requests} requests, the database ${counts!.sessions}`);

  const result = {
    attendees: counts!.attendees,
    offers: counts!.offers,
    sessions: counts!.sessions,
    sessionEvents: counts!.events,
    feedbackRows: counts!.feedback,
    analyticsP50Ms: all.p50,
    analyticsP95Ms: all.p95,
    oneDayP50Ms: oneDay.p50,
    oneDayP95Ms: oneDay.p95,
    oneAreaP50Ms: oneArea.p50,
    oneAreaP95Ms: oneArea.p95,
    pageP50Ms: page.p50,
    pageP95Ms: page.p95,
    sessionsCsvP50Ms: csv.p50,
    runs: RUNS,
    seedSeconds: round(seedSeconds),
    machine: `${machine()} (${SERVER_MODE})`,
    loadAverage1m: round(os.loadavg()[0]!),
    measuredAt: new Date().toISOString(),
  };
  writeBenchResult("bench/results/analytics.json", result);
  replaceResultsSection(
    [
      "## Organizer analytics",
      "",
      `\`npx next build && MINGLE_TEST_SERVER=production npx tsx bench/analytics.ts\` — ${result.attendees.toLocaleString("en")} attendees, ${result.offers.toLocaleString("en")} offers and ${result.sessions.toLocaleString("en")} sessions`,
      `(${result.sessionEvents.toLocaleString("en")} history events, ${result.feedbackRows.toLocaleString("en")} feedback rows, 3,000 labs, 1,200 demand misses) seeded by SQL on a fresh PostgreSQL; ${RUNS} sequential requests per row through the real server after 5 warm-ups.`,
      "Plain SQL aggregates with indexes, no materialised view (docs/decisions/0013-analytics-aggregates.md).",
      "",
      "| request | p50 ms | p95 ms | goal |",
      "| --- | --- | --- | --- |",
      `| GET /api/v1/organizer/analytics (all days, all areas) | ${all.p50} | ${all.p95} | p50 ≤ 200 ${all.p50 <= 200 ? "✔" : "✘"} |`,
      `| … ?day= (one day) | ${oneDay.p50} | ${oneDay.p95} | |`,
      `| … ?areaId= (one area) | ${oneArea.p50} | ${oneArea.p95} | |`,
      `| /organizer/analytics (the page, server-rendered) | ${page.p50} | ${page.p95} | p50 ≤ 200 ${page.p50 <= 200 ? "✔" : "✘"} |`,
      `| sessions CSV (${result.sessions.toLocaleString("en")} rows) | ${csv.p50} | ${csv.p95} | |`,
      "",
      `Machine: ${result.machine}; 1-minute load average at the end ${result.loadAverage1m}.`,
    ].join("\n"),
  );
} finally {
  await server.stop();
  await db.$disconnect();
  if (!process.env.KEEP_BENCH_DB) await dropDatabase(url);
}

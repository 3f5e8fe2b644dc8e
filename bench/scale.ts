/**
 * Mingle at conference size, one command (production build: `NEXT_DIST_DIR=.next-perf npx next build`,
 * then `MINGLE_TEST_SERVER=production NEXT_DIST_DIR=.next-perf npx tsx bench/scale.ts`):
 * - pages: the Offers page, the search API, the recommendations API and a signed-in call that does nothing (the floor every request pays), each under `--connections`
 *   (100) for `--seconds` (60) with autocannon, signed in as different attendees, on a database of
 *   5,000 attendees and 20,000 offers (mingle_bench_scale, seeded once and reused; `--reseed`);
 * - booking: request+accept at `--clients` (50) through the HTTP API on a fresh database, first with
 *   one process, then with `--processes` behind the load balancer; SQL counts double bookings.
 * Writes bench/results/scale.json and the "Scale" section of bench/RESULTS.md.
 */
import os from "node:os";
import autocannon from "autocannon";
import { createPrismaClient } from "@/lib/db";
import { generateConference } from "@/lib/matching/synthetic";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { startAppServer, TEST_SECRET } from "@/lib/testing/app-server";
import { startCluster } from "@/lib/testing/cluster";
import { createConference } from "@/lib/testing/booking-fixtures";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { type BookingLoadResult, runBookingLoad } from "./booking-load";
import { loadSyntheticConference } from "./matching-db";
import { machine, numberArg, replaceResultsSection, writeBenchResult } from "./results";

const SECONDS = numberArg("seconds", 60);
const CONNECTIONS = numberArg("connections", 100);
const CLIENTS = numberArg("clients", 50);
const ROUNDS = numberArg("rounds", 30);
const PROCESSES = numberArg("processes", 2);
/** One process listens here; a cluster puts HAProxy here, previews on PORT + 1 and the processes from PORT + 10. */
const PORT = numberArg("port", 4350);
const ATTENDEES = 5000;
const OFFERS = 20000;
/** Attendees the page load signs in as: each connection's requests rotate through them. */
const VIEWERS = 200;
const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
const scaleUrl = `${base}/mingle_bench_scale`;
const SERVER_MODE = process.env.MINGLE_TEST_SERVER === "production" ? "production build" : "next dev";
const round = (x: number) => Math.round(x * 10) / 10;

interface Servers {
  base: string;
  processes: number;
  stop: () => Promise<void>;
}

/** The one place the benchmark starts the app: `processes` server processes on PORT, behind HAProxy when more than one. */
async function startServers(processes: number, databaseUrl: string, env: Record<string, string> = {}): Promise<Servers> {
  if (processes === 1) {
    const server = await startAppServer({ port: PORT, databaseUrl, distDir: ".next-scale-bench", env, timeoutMs: 180_000 });
    return { base: server.base, processes: 1, stop: async () => void (await server.stop()) };
  }
  const cluster = await startCluster({ processes, port: PORT, databaseUrl, distDir: ".next-scale-bench", env, timeoutMs: 240_000 });
  return { base: cluster.base, processes, stop: async () => void (await cluster.stop()) };
}

/** The big database: seeded when it is missing or not the expected size (about a minute), else reused. */
async function scaleDatabase(): Promise<void> {
  await ensureDatabase(scaleUrl);
  const db = createPrismaClient(scaleUrl);
  try {
    const [offers, users] = await Promise.all([db.offer.count().catch(() => 0), db.user.count().catch(() => 0)]);
    if (!process.argv.includes("--reseed") && offers === OFFERS && users === ATTENDEES) {
      console.error(`reusing ${scaleUrl}: ${users} attendees, ${offers} offers`);
      await applyMigrations(scaleUrl, "prisma/migrations");
      return;
    }
  } finally {
    await db.$disconnect();
  }
  const t0 = performance.now();
  const progress = (step: string) => console.error(`seeded ${step} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await loadSyntheticConference(scaleUrl, generateConference({ attendees: ATTENDEES, offers: OFFERS }), progress);
  const seeded = createPrismaClient(scaleUrl);
  try {
    await createConference(seeded, { slug: "scale", tables: 40 });
    progress("a conference with slots and 40 tables");
  } finally {
    await seeded.$disconnect();
  }
}

interface Load {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** `CONNECTIONS` connections on `paths` (rotated), each request as the next of the viewers. */
async function load(name: string, target: string, paths: string[], cookies: string[]): Promise<Load> {
  let next = 0;
  const result = await autocannon({
    url: target,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const i = next++;
          return { ...req, path: paths[i % paths.length]!, headers: { ...req.headers, cookie: cookies[i % cookies.length]! } };
        },
      },
    ],
  });
  const out = {
    name,
    rps: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
  console.error(JSON.stringify(out));
  return out;
}

const SEARCHES = ["kubernetes", "docker compose", "secrets", "kubernets", "obser", "image building", "swarm raft", "linuxkti", "networking overlay", "serverless"];

async function pageLoads(): Promise<Load[]> {
  const servers = await startServers(PROCESSES, scaleUrl);
  try {
    const cookies = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => sessionCookie(`u${(i * 25) % ATTENDEES}`, TEST_SECRET)));
    const offerPages = ["/offers", "/offers?page=2", "/offers?tag=kubernetes", "/offers?q=docker"];
    const searches = SEARCHES.map((q) => `/api/v1/offers?q=${encodeURIComponent(q)}`);
    // Warm: a process's first request builds its match index and search vocabulary. Requests without
    // the stickiness cookie go round the processes, so a few per process warm every one of them.
    for (let i = 0; i < 2 * servers.processes; i++) {
      for (const path of [offerPages[0]!, searches[0]!, "/api/v1/recommendations"]) {
        const r = await fetch(`${servers.base}${path}`, { headers: { cookie: cookies[0]! } });
        if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
      }
    }
    return [
      await load("offers page", servers.base, offerPages, cookies),
      await load("search API", servers.base, searches, cookies),
      await load("recommendations API", servers.base, ["/api/v1/recommendations"], cookies),
      // The floor: an authenticated call that does nothing else (session cookie, the user's row, the
      // API rate limit), what every booking write costs before it starts.
      await load("signed-in no-op (/api/v1/me)", servers.base, ["/api/v1/me"], cookies),
    ];
  } finally {
    await servers.stop();
  }
}

async function bookingLoad(processes: number): Promise<BookingLoadResult & { processes: number }> {
  const url = `${base}/mingle_bench_scale_booking_${process.pid}_${processes}`;
  await ensureDatabase(url);
  await applyMigrations(url, "prisma/migrations");
  const db = createPrismaClient(url);
  const servers = await startServers(processes, url, { BOOKING_MAX_PENDING: "100" });
  try {
    const result = { ...(await runBookingLoad(db, servers.base, { clients: CLIENTS, rounds: ROUNDS })), processes: servers.processes };
    console.error(JSON.stringify(result));
    return result;
  } finally {
    await servers.stop();
    await db.$disconnect();
    await dropDatabase(url);
  }
}

/** `--only pages` or `--only booking` for a look at one half; only a whole run writes the results. */
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
if (only === "booking") {
  await bookingLoad(PROCESSES);
  process.exit(0);
}
await scaleDatabase();
const loads: number[] = [os.loadavg()[0]!];
const pages = await pageLoads();
if (only === "pages") process.exit(0);
loads.push(os.loadavg()[0]!);
const one = await bookingLoad(1);
const many = PROCESSES > 1 ? await bookingLoad(PROCESSES) : one;
loads.push(os.loadavg()[0]!);
const [offersPage, searchApi, recommendationsApi, floor] = pages as [Load, Load, Load, Load];
const result = {
  processes: many.processes,
  bookingOpsPerSec: many.opsPerSec,
  bookingP95Ms: many.p95Ms,
  doubleBookings: one.doubleBookings + (many === one ? 0 : many.doubleBookings),
  pageP99Ms: offersPage.p99Ms,
  // The worse of the two APIs (each one's is in bench/RESULTS.md): the bar holds for each.
  apiP99Ms: Math.max(searchApi.p99Ms, recommendationsApi.p99Ms),
  pageRps: offersPage.rps,
  floorRps: floor.rps,
  errors: pages.reduce((n, p) => n + p.errors + p.timeouts + p.non2xx, 0) + one.errors + (many === one ? 0 : many.errors),
  opsPerSecOneProcess: one.opsPerSec,
  machine: `${machine()} (${SERVER_MODE}; load average ${loads.map((l) => l.toFixed(1)).join(" → ")}; the load generator, PostgreSQL and every server process share its 2 cores)`,
};
writeBenchResult("bench/results/scale.json", result);

const row = (p: Load) => `| ${p.name} | ${p.rps} | ${p.p50Ms} | ${p.p99Ms} | ${p.requests} | ${p.errors + p.timeouts + p.non2xx} |`;
const bookingRow = (b: typeof one) => `| ${b.processes} | ${b.opsPerSec} | ${b.p50Ms} | ${b.p95Ms} | ${b.completed} | ${b.conflicts} | ${b.errors} | ${b.doubleBookings} |`;
replaceResultsSection(
  [
    "## Scale",
    "",
    "`NEXT_DIST_DIR=.next-perf npx next build && MINGLE_TEST_SERVER=production NEXT_DIST_DIR=.next-perf npx tsx bench/scale.ts` —",
    `${ATTENDEES.toLocaleString("en")} attendees and ${OFFERS.toLocaleString("en")} offers (the matching benchmark's synthetic conference), ${CONNECTIONS} connections for ${SECONDS} s on each`,
    `page or API (autocannon, each request signed in as the next of ${VIEWERS} attendees; the Offers page rotates page 1, page 2, a tag and a search;`,
    `the search API rotates ${SEARCHES.length} searches with typos and prefixes), ${result.processes} server process(es).`,
    "",
    "| load | req/s | p50 ms | p99 ms | requests | errors + timeouts + non-2xx |",
    "| --- | --- | --- | --- | --- | --- |",
    ...pages.map(row),
    "",
    `Booking: ${CLIENTS} clients, request+accept through the HTTP API on a fresh database, ${ROUNDS} rounds (bench/booking-load.ts, as bench/booking.ts).`,
    "",
    "| processes | request+accept ops/s | p50 ms | p95 ms | completed | 409 conflicts | other errors | double bookings (SQL) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    bookingRow(one),
    ...(many === one ? [] : [bookingRow(many)]),
    "",
    `Machine: ${result.machine}.`,
    "",
    "Before and after (issue #13, items 5 and 6; docs/decisions/0023-pages-at-conference-size.md). Statements per",
    "operation, counted by `lib/booking/query-count.int.test.ts` (Prisma's query log; BEGIN is not logged, COMMIT",
    "is): request 23 → 13, accept 28 → 10. The session read was nine queries (one per relation) and every write",
    "reads the session twice; it is one joined statement now, as are the conference, the tables and a",
    "notification with its unread count. Pages and APIs, same benchmark on the code before the change (20 s per",
    "load, load average 6.5–11 from other work): Offers page 4.4 pages/s, p50 6.1 s, p99 10 s, 121 timeouts;",
    "search API 0 answers within 10 s (200 timeouts: a misspelt word's EXISTS probe read all 20,000 rows);",
    "recommendations 29.9 req/s, p50 1.8 s, p99 9.8 s, 48 timeouts. The issue's own figures: 11.9 pages/s, p50",
    "7.8 s, p99 9.6 s, 30 timeouts. What changed: search ranks matches by id and score and joins only the page's",
    "rows (no window count over every visible offer), the misspelt-word probe counts through the GIN index, a GIN",
    "index on tags, people to meet build reasons only for the chosen owners (58 → 16 ms a call, same lists), the",
    "Offers page scores recommendations only for the tab that shows them, and pages read the signed-in user once",
    "per request without getServerSession.",
    "",
    "Second round (2 processes behind HAProxy through `startCluster`; the same benchmark before it, 1 process,",
    "other work on the machine: Offers page 71.8 pages/s, p99 1.9 s; search p99 1.5 s; recommendations p99 2.4 s).",
    "Search answers are kept 5 s per process (the same for every viewer; a change through a process clears its",
    "cache, one through another shows within 5 s), and recommendations are memoized per match index and viewer",
    "(the recommender is pure: same lists, nothing stale).",
    "",
    "Third round (2026-12-03, morning): the match index's 60 s refresh re-reads only the pending-request counts",
    "(a rebuild read and indexed 20,000 offers, about a second of a process's CPU, and dropped every memoized",
    "score); a viewer's signals are one statement instead of four; HAProxy sends each request to the process",
    "with the fewest in flight instead of round-robin. Recommendations p99 1,197 → 1,080 → 970 ms over those",
    "three steps, one run after another.",
    "",
    "Fourth round (2026-12-03, afternoon, another machine of the same kind; the table above):",
    "- server processes run with a 64 MiB young generation (`--max-semi-space-size=64`,",
    "  lib/cluster/server-command.ts): the Offers page, one process, 20 connections, server CPU per render",
    "  measured from /proc over 1,000 requests three times: 14.7-17.2 ms before, 12.3-12.9 ms after;",
    "- HAProxy keeps its server connections alive (it opened one per request): the signed-in no-op call,",
    "  2 processes, 50 connections, one run after the other: 250 → 326 req/s;",
    "- with connections kept, every request reached a process at once and the Offers page p99 went to",
    "  6.4 s (100 connections, 20 s); HAProxy now gives each process at most 16 page and API requests at a",
    "  time and queues the rest in order (socket.io has its own backend): 1.6-2.2 s in three runs;",
    "- next-auth's session cookie is decoded with the derived key kept (it ran HKDF on the thread pool",
    "  for every request).",
    "On this machine the code before these changes measured (same commands, earlier the same day) 83",
    "pages/s with p99 1,833 ms on the Offers page, search p99 791 ms, recommendations p99 1,329 ms, and",
    "booking 17.5-20.2 ops/s with one process and 15.9 with two. Runs here vary by 20-30% from one to the",
    "next, so read one run's rows against each other.",
    "",
    "**Where the bars stand.** The search API (503 ms) is within the issue's bar (p99 ≤ 1,000 ms), the",
    "recommendations API at it (1,020 ms; 970 ms in the morning's run). **Not met, and not reachable on",
    "this machine with this stack:**",
    "- **Booking** (bar 150 request+accept ops/s with 2 processes). A completed operation is three signed-in",
    "  writes (the request, its accept, and the competing request that loses the slot). The last row of the",
    "  page table is a signed-in call that does nothing else (session cookie, the user's row, the API rate",
    "  limit): 393 req/s with both processes and both cores, PostgreSQL and the load generator beside them.",
    "  Three of those are 131 operations a second before a booking has done any work, under the bar. A",
    "  request runs 13 statements and an accept 10 (the query-count test); pg_stat_statements put PostgreSQL's own",
    "  execution at about 3.5 ms an operation, and a V8 profile of the server (MINGLE_SERVER_CPU_PROF_DIR, one",
    "  process) puts Prisma's runtime at 25% of its CPU, the pg client's socket writes at 11% (one writev per",
    "  statement), Next's request handling at 18% and GC at 5%: about 46 ms of server CPU per operation.",
    "- **The Offers page** (bar p99 ≤ 1,000 ms at 100 connections). 100 connections wait about",
    "  100 / throughput for a page, so a p99 under a second needs about 130 pages/s or more; a render costs",
    "  12-13 ms of server CPU alone (322 elements, 12 cards: most of it is Next's render pipeline, React's",
    "  server render and its flight payload, not the page's data), so 2 cores shared with PostgreSQL and the",
    "  load generator give 98 pages/s.",
    "",
  ].join("\n"),
);

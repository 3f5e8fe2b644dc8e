// A burst of accepts through the real HTTP API: 500 pending requests, then every expert accepts
// all of theirs at once (500 concurrent POSTs). Booking writes pass one admission gate per process
// (lib/booking/write-admission.ts): they queue for the database pool in the open, and past the
// bound are refused at once with 503 + Retry-After instead of timing out into 500s. Afterwards SQL
// checks that every accepted session holds a table and nobody is double-booked.
//   npx tsx bench/overload.ts [--accepts 500] [--port 3960]      (MINGLE_TEST_SERVER=production after `next build`)
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { createPrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { requestSession } from "@/lib/booking/request-session";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { signIn, startAppServer } from "@/lib/testing/app-server";
import { asAttendee, DOUBLE_BOOKINGS_SQL, FIXTURE_PASSWORD, offlineBookingDeps } from "@/lib/testing/booking-fixtures";
import { writeConcurrency, WRITE_QUEUE_MAX, WRITE_WAIT_MS } from "@/lib/booking/write-admission";
import { numberArg, percentile, replaceResultsSection } from "./results";
import { bookingWorld } from "@/lib/testing/booking-world";

const ACCEPTS = numberArg("accepts", 500);
const PORT = numberArg("port", 3960);
const SLOTS = 10;
const PEOPLE = Math.ceil(ACCEPTS / SLOTS); // experts, and as many requesters: one request per pair of (requester, slot)
const production = process.env.MINGLE_TEST_SERVER === "production" && existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`);
if (process.env.MINGLE_TEST_SERVER === "production" && !production) throw new Error("MINGLE_TEST_SERVER=production needs a build: run `npx next build` first.");
const SERVER_MODE = production ? "production build" : "next dev";
const POOL = env().DATABASE_POOL_SIZE;
const url = `postgresql://root@127.0.0.1:5432/mingle_bench_overload_${process.pid}`;
const round = (n: number) => Math.round(n);

await ensureDatabase(url);
await applyMigrations(url, "prisma/migrations");
const db = createPrismaClient(url);
const server = await startAppServer({ port: PORT, databaseUrl: url, distDir: ".next-overload-bench", env: { BOOKING_MAX_PENDING: "100", DATABASE_POOL_SIZE: String(POOL) } });
try {
  const { experts, requesters, slots } = await bookingWorld(db, { slug: "overload", experts: PEOPLE, requesters: PEOPLE, slots: SLOTS, tables: PEOPLE + 5 });

  // 500 pending requests, made through the booking use case on the same database: requester r asks
  // expert (r + k) mod PEOPLE in slot k, so every expert has one request per slot.
  const offline = offlineBookingDeps(db);
  const deps = { ...offline, config: { ...offline.config, maxPending: SLOTS } };
  const requests: { id: string; expert: number }[] = [];
  for (let k = 0; k < SLOTS && requests.length < ACCEPTS; k++) {
    const batch = requesters.slice(0, Math.min(PEOPLE, ACCEPTS - requests.length)).map(async (r, i) => {
      const expert = (i + k) % PEOPLE;
      const made = await requestSession(deps, asAttendee(r), { offerId: experts[expert]!.offerId, slotStart: slots[k]! });
      if (!made.ok) throw new Error(`set-up request failed: ${made.code} ${made.message}`);
      requests.push({ id: made.value.id, expert });
    });
    for (let i = 0; i < batch.length; i += 10) await Promise.all(batch.slice(i, i + 10));
  }

  const cookies: string[] = [];
  for (let i = 0; i < experts.length; i += 10) cookies.push(...(await Promise.all(experts.slice(i, i + 10).map((e) => signIn(server.base, e.email, FIXTURE_PASSWORD)))));
  const accept = (id: string, cookie: string) =>
    fetch(`${server.base}/api/v1/sessions/${id}/respond`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ action: "accept" }) });
  // Compile the route (dev server) and warm the process before the burst.
  for (let i = 0; i < 3; i++) await accept("warm-up", cookies[0]!).then((r) => r.text());

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let retryAfterMissing = 0;
  const load1mBefore = os.loadavg()[0]!;
  const started = performance.now();
  await Promise.all(
    requests.map(async (r) => {
      const t0 = performance.now();
      let key: string;
      try {
        const res = await accept(r.id, cookies[r.expert]!);
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        key = res.status < 300 ? String(res.status) : `${res.status} ${body?.error?.code ?? "?"}`;
        if (res.status === 503 && !res.headers.get("retry-after")) retryAfterMissing++;
      } catch (error) {
        key = `network ${(error as Error).message}`;
      }
      latencies.push(performance.now() - t0);
      statuses[key] = (statuses[key] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [check] = await db.$queryRawUnsafe<{ personOverlaps: number; tableOverlaps: number }[]>(DOUBLE_BOOKINGS_SQL);
  const acceptedRows = await db.mingleSession.count({ where: { status: "ACCEPTED", tableId: { not: null } } });
  const count = (p: (k: string) => boolean) => Object.entries(statuses).reduce((n, [k, v]) => n + (p(k) ? v : 0), 0);
  const rejected503 = count((k) => k === "503 OVERLOADED");
  const result = {
    concurrentAccepts: requests.length,
    accepted: count((k) => k === "200"),
    rejected503,
    // Every 5xx but the admission gate's deliberate 503 OVERLOADED (which carries Retry-After).
    errors5xx: count((k) => /^5\d\d/.test(k) && k !== "503 OVERLOADED"),
    other: count((k) => k !== "200" && !k.startsWith("5")),
    statuses,
    retryAfterMissing,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(Math.max(...latencies)),
    seconds: Math.round(seconds * 10) / 10,
    acceptedRowsInDatabase: acceptedRows,
    doubleBookings: check!.personOverlaps + check!.tableOverlaps,
    bound: { poolSize: POOL, maxConcurrentWrites: writeConcurrency(POOL), maxQueued: WRITE_QUEUE_MAX, maxWaitMs: WRITE_WAIT_MS, transactionTimeoutMs: 15_000 },
    machine: `${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}) / ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.versions.node} (${SERVER_MODE})`,
    loadAverage1m: { before: Math.round(load1mBefore * 10) / 10, after: Math.round(os.loadavg()[0]! * 10) / 10 },
    measuredAt: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/overload.json", `${JSON.stringify(result, null, 2)}\n`);

  replaceResultsSection(
    [
      "## Overload: a burst of accepts",
      "",
      `\`npx tsx bench/overload.ts\` (or \`MINGLE_TEST_SERVER=production\` after \`npx next build\`) — ${result.concurrentAccepts} pending requests`,
      `(${PEOPLE} experts × ${SLOTS} slots, ${PEOPLE + 5} tables), then all ${result.concurrentAccepts} accepts sent at once through the real HTTP API (custom server, ${SERVER_MODE}) on a fresh PostgreSQL.`,
      `Booking writes pass one admission gate per process: ${result.bound.maxConcurrentWrites} write transactions at once (pool ${POOL} − 2 for page reads),`,
      `up to ${WRITE_QUEUE_MAX} waiting, none longer than ${WRITE_WAIT_MS / 1000} s (the transaction limit is 15 s); past that, 503 OVERLOADED with Retry-After at once.`,
      "",
      "| concurrent accepts | accepted | 503 OVERLOADED | other 5xx | p50 ms | p95 ms | max ms | seconds | double bookings (SQL) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      `| ${result.concurrentAccepts} | ${result.accepted} | ${rejected503} | ${result.errors5xx} | ${result.p50Ms} | ${result.p95Ms} | ${result.maxMs} | ${result.seconds} | ${result.doubleBookings} |`,
      "",
      `Machine: ${result.machine}; shared with other work while measured: 1-minute load average ${result.loadAverage1m.before} before the burst, ${result.loadAverage1m.after} after.`,
      `Latency is each accept's round trip as its client saw it. Statuses: ${Object.entries(statuses)
        .map(([k, v]) => `${k} × ${v}`)
        .join(", ")}.`,
      "",
      "What made accepts slow under a burst, and what bounds it now:",
      "- Every accept in one slot first tried the same table (the first in reading order). One won; the others",
      "  all retried the same next table, so n accepts in a slot took n rounds, each a full read–decide–write:",
      "  quadratic. A retry after a lost table race now picks among the best area's free tables by the session id",
      "  (`lib/booking/transition.ts` `chooseTable`), so losers scatter instead of queueing on one table.",
      "- All 500 ran their ~25 queries at once through a pool of 10: every query queued behind every other, all",
      "  finished late together (issue 9: p95 11.8 s at 250 against the 15 s transaction limit; not rerun here",
      "  without a gate). Now whole booking writes queue at the gate first come, first served, and what cannot",
      "  start within 10 s is refused with 503 + `Retry-After` (`lib/overload/admission.ts`, `lib/booking/write-admission.ts`).",
      "- Measured on the same shared VM, next dev: the gate around transactions only, 162 accepted / 338 × 503, 126 s,",
      "  p95 124 s; with the spread retry and whole-write admission, 217 / 283, 37 s, p95 35 s; production build",
      "  as in the table. No run had a 500. The rest of the latency is outside the gate (HTTP handling, sign-in",
      "  check, notifications) on a CPU shared with six other engineers' test runs; throughput is the one Node",
      "  process, as in the booking benchmark. `errors5xx` counts every 5xx except the gate's deliberate",
      "  `503 OVERLOADED`, which is reported as `rejected503`. Rerun on a quiet machine before quoting.",
      "",
    ].join("\n"),
  );
} finally {
  await server.stop();
  await db.$disconnect();
  await dropDatabase(url);
}

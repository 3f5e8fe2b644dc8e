// "Available now" under a hall of open pages: PAGES signed-in browsers (socket.io clients) keep
// /now open and refetch GET /api/v1/available-now on `availability:changed`, after the page's own
// random delay, while PAIRS people book and accept sessions back to back. Measures what the pages
// wait for, what booking costs meanwhile, and the server's CPU.
//   npx next build && MINGLE_TEST_SERVER=production npx tsx bench/available-now.ts [--pages 200] [--pairs 10] [--seconds 20]
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { io as connect, type Socket } from "socket.io-client";
import { createPrismaClient } from "@/lib/db";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { apiClient, signIn, startAppServer } from "@/lib/testing/app-server";
import { createConference, createPeople, FIXTURE_PASSWORD, makeAvailable } from "@/lib/testing/booking-fixtures";
import { numberArg, percentile, replaceResultsSection } from "./results";

const PAGES = numberArg("pages", 200);
const PAIRS = numberArg("pairs", 10);
const SECONDS = numberArg("seconds", 20);
const PORT = numberArg("port", 3951);
const url = `postgresql://root@127.0.0.1:5432/mingle_bench_now_${process.pid}`;

/** CPU seconds (user + system) of a process so far. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

await ensureDatabase(url);
await applyMigrations(url, "prisma/migrations");
const db = createPrismaClient(url);
const server = await startAppServer({ port: PORT, databaseUrl: url, distDir: ".next-now-bench", env: { BOOKING_MAX_PENDING: "100", SIGNUP_MAX_PER_IP: "100000" } });
const sockets: Socket[] = [];
try {
  const world = await createConference(db, { slug: "now-bench", tables: PAIRS + 5 });
  const experts = await createPeople(db, "now-expert", PAIRS);
  const requesters = await createPeople(db, "now-req", PAIRS);
  const viewers = await createPeople(db, "now-viewer", PAGES);
  await makeAvailable(
    db,
    world.conferenceId,
    experts.map((e) => e.id),
    world.tomorrow,
  );
  const sign = async (people: typeof experts) => {
    const cookies: string[] = [];
    for (let i = 0; i < people.length; i += 10) cookies.push(...(await Promise.all(people.slice(i, i + 10).map((p) => signIn(server.base, p.email, FIXTURE_PASSWORD)))));
    return cookies;
  };
  const expertCalls = (await sign(experts)).map((c) => apiClient(server.base, c));
  const requesterCalls = (await sign(requesters)).map((c) => apiClient(server.base, c));
  const viewerCookies = await sign(viewers);

  // The open pages: each refetches after 150 ms plus up to 600 ms, as components/booking/available-now.tsx does.
  const nowMs: number[] = [];
  let refetchErrors = 0;
  let measuring = false;
  await Promise.all(
    viewerCookies.map(
      (cookie) =>
        new Promise<void>((resolve, reject) => {
          const call = apiClient(server.base, cookie);
          const socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: server.base, cookie } });
          sockets.push(socket);
          let timer: ReturnType<typeof setTimeout> | null = null;
          socket.on("availability:changed", () => {
            if (timer) clearTimeout(timer);
            timer = setTimeout(
              async () => {
                timer = null;
                const r = await call("GET", "/api/v1/available-now");
                if (!measuring) return;
                if (r.status === 200) nowMs.push(r.ms);
                else refetchErrors++;
              },
              150 + Math.random() * 600,
            );
          });
          socket.on("connect", () => resolve());
          socket.on("connect_error", reject);
        }),
    ),
  );
  for (const call of viewerCookies.slice(0, 5).map((c) => apiClient(server.base, c))) await call("GET", "/api/v1/available-now");

  const bookingMs: number[] = [];
  let bookingErrors = 0;
  measuring = true;
  const cpu0 = cpuSeconds(server.pid);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    requesterCalls.map(async (call, i) => {
      for (let s = 0; performance.now() < until && s < world.tomorrow.length; s++) {
        const t0 = performance.now();
        const req = await call<{ id: string }>("POST", "/api/v1/sessions", { offerId: experts[i]!.offerId, slotStart: world.tomorrow[s]!.toISOString() });
        const acc = req.status === 201 ? await expertCalls[i]!("POST", `/api/v1/sessions/${req.body.id}/respond`, { action: "accept" }) : null;
        if (acc?.status === 200) bookingMs.push(performance.now() - t0);
        else bookingErrors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  await new Promise((r) => setTimeout(r, 1500)); // the last refetches land
  measuring = false;

  const result = {
    pages: PAGES,
    pairs: PAIRS,
    bookingOpsPerSec: round(bookingMs.length / seconds),
    bookingMs: { median: Math.round(percentile(bookingMs, 50)), p95: Math.round(percentile(bookingMs, 95)) },
    refetchesPerSec: round(nowMs.length / seconds),
    availableNowMs: { median: Math.round(percentile(nowMs, 50)), p95: Math.round(percentile(nowMs, 95)) },
    serverCpuPercent: Math.round((cpu / seconds) * 100),
    errors: bookingErrors + refetchErrors,
    seconds: round(seconds),
    machine: `${os.cpus().length} vCPU / ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.versions.node}`,
    measuredAt: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  if (!process.argv.includes("--no-write")) {
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/available-now.json", `${JSON.stringify(result, null, 2)}\n`);
    const section = [
      "## Available now under a hall of open pages",
      "",
      `\`npx next build && MINGLE_TEST_SERVER=production npx tsx bench/available-now.ts\` — ${PAGES} signed-in socket.io clients keep "Available now" open and`,
      `refetch it on \`availability:changed\` (150 ms plus up to 600 ms of random delay, like the page), while ${PAIRS} pairs request and accept sessions back to back for ${SECONDS} s.`,
      "",
      "| open pages | booking ops/s | booking p50 / p95 ms | refetches/s | available-now p50 / p95 ms | server CPU | errors |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      `| ${PAGES} | ${result.bookingOpsPerSec} | ${result.bookingMs.median} / ${result.bookingMs.p95} | ${result.refetchesPerSec} | ${result.availableNowMs.median} / ${result.availableNowMs.p95} | ${result.serverCpuPercent} % | ${result.errors} |`,
      "",
      `Machine: ${result.machine}.`,
      "",
      "The same benchmark on the same VM on 2026-11-28, before the view was shared (each refetch computed",
      "its own: the conference, slots, tables, taken tables, seated people and free experts, six queries):",
      "",
      "| server | booking ops/s | booking p50 / p95 ms | refetches/s | available-now p50 / p95 ms |",
      "| --- | --- | --- | --- | --- |",
      "| a broadcast per booking, view per request | 0.7 | 12002 / 20242 | 142.6 | 2478 / 6552 |",
      "| broadcast coalesced to 1/s, view per request | 0.5 | 17421 / 30415 | 139.0 | 4772 / 7759 |",
      "| coalesced, view shared (`lib/booking/shared-view.ts`), four runs | 14.3–23.6 | 340–691 / 869–1236 | 206–210 | 145–261 / 432–506 |",
      "",
      "200 open pages saturate the one server process either way (CPU about 100 % of a core). Coalescing",
      "alone changes nothing here because the pages' refetches, not the broadcasts, are the load; sharing",
      "the view makes a refetch cost one session lookup, and bookings go through again.",
      "",
    ].join("\n");
    replaceResultsSection(section);
  }
} finally {
  for (const s of sockets) s.close();
  await server.stop();
  await db.$disconnect();
  await dropDatabase(url);
}

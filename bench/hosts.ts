/**
 * Lab hosts benchmark: idle labs spread over a pool of Docker Engines, how evenly placement spreads
 * them, failover time with all of them running, and /api/health under that load.
 *
 * Run: npx next build && npx tsx bench/hosts.ts [--labs 300] [--rounds 3] [--concurrency 6]
 *   BENCH_DIST_DIR=.next-x  uses that Next build directory (NEXT_DIST_DIR) for the server.
 * Starts three extra dockerd on this machine (lib/testing/killable-engines.ts: unix sockets, no network;
 * the third without runsc) as a pool wired like the server's (lib/testing/host-pool.ts) with the
 * production health settings (ping every 2 s, 1.5 s timeout, down after 3 failures), and the
 * production server on 127.0.0.1:3191 against a fresh database `mingle_bench_hosts` for
 * /api/health. failoverMs: from SIGKILL to a host's dockerd (and containerd) until the session lab
 * relaunched elsewhere answers a command; the host is then started again and reconciled. All
 * traffic stays on 127.0.0.1; every lab and engine it creates is removed.
 * Results: bench/results/hosts.json and the "Lab hosts" section of bench/RESULTS.md.
 */
import { mkdirSync } from "node:fs";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabRecord } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { startAppServer } from "@/lib/testing/app-server";
import { hostPool } from "@/lib/testing/host-pool";
import { testEngine } from "@/lib/testing/killable-engines";
import { until } from "@/lib/testing/until";
import { machine, percentile, replaceResultsSection, writeBenchResult } from "./results";

const args = process.argv.slice(2);
function arg(name: string, fallback: string): number {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 && args[i + 1] ? args[i + 1] : fallback);
}
const LABS = arg("labs", "300");
const ROUNDS = arg("rounds", "3");
const CONCURRENCY = arg("concurrency", "6");
const PORT = 3191;
const DB_URL = "postgresql://root@127.0.0.1:5432/mingle_bench_hosts";
const RESULTS = "bench/results/hosts.json";
const log = (msg: string) => console.error(`[bench:hosts] ${msg}`);

const { templates } = loadTemplates("labs/templates");
const engines = [
  testEngine("bench-h1", { runsc: true, root: ".data/bench-engines" }),
  testEngine("bench-h2", { runsc: true, root: ".data/bench-engines" }),
  testEngine("bench-h3", { runsc: false, root: ".data/bench-engines" }),
];
log("starting three dockerd");
await Promise.all(engines.map((e) => e.start({ clean: true })));
const pool = await hostPool(engines, { templates, budget: { maxLabs: 200, maxMemoryMb: 32_768, maxCpus: 200 }, pingMs: 2_000, failuresToDown: 3 });

await dropDatabase(DB_URL);
await ensureDatabase(DB_URL);
await applyMigrations(DB_URL, "prisma/migrations");
process.env.MINGLE_TEST_SERVER = "production";
if (process.env.BENCH_DIST_DIR) process.env.NEXT_DIST_DIR = process.env.BENCH_DIST_DIR;
const server = await startAppServer({ port: PORT, databaseUrl: DB_URL, distDir: ".next", env: { LAB_WARM_POOL: "none" } });

const result: Record<string, unknown> = {};
try {
  // ---- idle labs over the pool --------------------------------------------------------------
  const started = performance.now();
  let next = 0;
  const launched: LabRecord[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LABS) {
        const n = next++;
        const r = await pool.labs.launch({ ownerId: `bench-${n}`, templateName: "shell" });
        if (!r.ok) throw new Error(`lab ${n}: ${r.message}`);
        launched.push(r.value);
        if (launched.length % 50 === 0) log(`${launched.length} labs in ${Math.round((performance.now() - started) / 1000)} s`);
      }
    }),
  );
  const perHost = Object.fromEntries(engines.map((e) => [e.name, launched.filter((l) => l.engineId === pool.idOf(e.name)).length]));
  const counts = Object.values(perHost);
  result.hosts = engines.length;
  result.labs = launched.length;
  result.labsPerHost = perHost;
  result.placementSkew = Math.round((Math.max(...counts) / Math.max(1, Math.min(...counts))) * 100) / 100;
  result.launchSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`${launched.length} labs: ${JSON.stringify(perHost)}`);

  // ---- /api/health with all of them running ---------------------------------------------------
  const health: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await (await fetch(`${server.base}/api/health`)).arrayBuffer();
    health.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  result.healthP50Ms = Math.round(percentile(health, 50) * 10) / 10;
  log(`/api/health p50 ${result.healthP50Ms} ms`);

  // ---- failover, one host at a time -----------------------------------------------------------
  const failovers: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const victim = engines[round % engines.length]!;
    const hostId = pool.idOf(victim.name);
    const session = await pool.labs.launch({
      ownerId: `bench-session-${round}`,
      templateName: "shell",
      sessionId: `bench-session-${round}`,
      engineId: hostId,
      participantIds: ["a", "b"],
    });
    if (!session.ok) throw new Error(session.message);
    const t0 = performance.now();
    await victim.kill();
    const replacement = await until(
      "the relaunched session lab",
      async () => {
        const old = await pool.labRepo.get(session.value.id);
        const id = old?.replacedById;
        if (!id || (await pool.labRepo.get(id))?.status !== "READY") return undefined;
        const echo = await pool.labs.exec(id, ["sh", "-c", "echo up"]);
        return echo.ok && echo.value.stdout.trim() === "up" ? id : undefined;
      },
      60_000,
      20,
    );
    const ms = Math.round(performance.now() - t0);
    failovers.push(ms);
    log(`failover ${round + 1}: ${victim.name} killed → lab ${replacement} on ${pool.registry.nameOf((await pool.labRepo.get(replacement))!.engineId)} answering in ${ms} ms`);
    await victim.start();
    await until(`${victim.name} reconciled and active`, async () => (pool.registry.get(hostId)?.state === "ACTIVE" ? true : undefined), 120_000, 200);
    const orphans = (await victim.engine.listContainers({ [LABEL.managed]: "true" })).length;
    log(`${victim.name} back: ${orphans} managed containers left on it`);
    if (orphans > 0) throw new Error(`${orphans} containers of lost labs left on ${victim.name}`);
  }
  result.failoverMs = percentile(failovers, 50);
  result.failoverRunsMs = failovers;
} finally {
  log("cleaning up");
  for (const lab of await pool.labRepo.listLive()) await pool.labs.stop(lab.id).catch(() => undefined);
  await pool.tasks.stop();
  await server.stop();
  await Promise.all(engines.map((e) => e.stop()));
  await dropDatabase(DB_URL).catch(() => undefined);
}

result.machine = machine();
mkdirSync("bench/results", { recursive: true });
writeBenchResult(RESULTS, result);
replaceResultsSection(`## Lab hosts

\`npx next build && npx tsx bench/hosts.ts\` — three extra dockerd on one machine (unix sockets, one
without runsc) as a pool of lab hosts with the production health settings (ping every 2 s, 1.5 s
timeout, down after 3 failures); \`shell\` labs (busybox, 0.5 CPU, 64 MiB) launched 6 at a time.
Machine: ${result.machine}. Measured ${new Date().toISOString().slice(0, 10)}.

| measure | value | goal |
| --- | --- | --- |
| idle labs across ${result.hosts} hosts | ${result.labs} (${Object.entries(result.labsPerHost as Record<string, number>)
  .map(([h, n]) => `${h} ${n}`)
  .join(", ")}) in ${result.launchSeconds} s | ≥ 300 ${Number(result.labs) >= 300 ? "✔" : "✘"} |
| placement skew (max / min labs per host) | ${result.placementSkew} | |
| failover: dockerd killed → relaunched session lab answers (median of ${(result.failoverRunsMs as number[]).length}: ${(result.failoverRunsMs as number[]).join(", ")} ms) | ${result.failoverMs} ms | ≤ 5,000 ms ${Number(result.failoverMs) <= 5000 ? "✔" : "✘"} |
| GET /api/health p50 with all of them running | ${result.healthP50Ms} ms | |

Failover is bounded by detection: the first failed ping comes up to 2 s after the kill, the next two
0.5 s apart, then the relaunch (a cold \`shell\` lab, ~0.4 s). Each killed host was started again and
reconciled with no container of its lost labs left on it.
`);
process.exit(0);

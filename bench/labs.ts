/**
 * Live labs benchmark: launch latency (warm pool vs cold), density (idle `shell` labs while
 * /api/health stays fast), terminal keystroke echo and streaming through socket.io.
 *
 * Run: npx next build && npx tsx bench/labs.ts [--only launch,idle,echo,stream] [--launches 30]
 *        [--max-labs 250] [--step 25] [--keys 1000] [--stream-mb 100]
 *   BENCH_DIST_DIR=.next-x  uses that Next build directory (NEXT_DIST_DIR) for the server.
 * Needs the Docker Engine (scripts/docker-engine.sh) and PostgreSQL on 127.0.0.1. Starts its own
 * server on 127.0.0.1:3190 against a fresh database `mingle_bench_labs`; all traffic stays on
 * 127.0.0.1; every lab it creates is removed. Results merge into bench/results/labs.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { io as connect, type Socket } from "socket.io-client";
import { getEngine, registerEngine } from "@/lib/docker/engines";
import { LABEL } from "@/lib/labs/container-spec";
import { ensureBaseImage } from "@/lib/labs/images";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { loadTemplates } from "@/lib/labs/templates";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { quantile } from "@/lib/matching/metrics";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { type AppServer, apiClient, signIn, startAppServer } from "@/lib/testing/app-server";
import { machine } from "./results";

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}
const ONLY = new Set(arg("only", "launch,idle,echo,stream").split(","));
const LAUNCHES = Number(arg("launches", "30"));
const MAX_LABS = Number(arg("max-labs", "250"));
const STEP = Number(arg("step", "25"));
const KEYS = Number(arg("keys", "1000"));
const STREAM_MB = Number(arg("stream-mb", "100"));
const PORT = 3190;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_URL = "postgresql://root@127.0.0.1:5432/mingle_bench_labs";
const BENCH_ENGINE = "bench";
const RESULTS = "bench/results/labs.json";
const HEALTH_LIMIT_MS = 100;

// ---- helpers --------------------------------------------------------------------------------

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const stats = (xs: number[], hi: number) => ({ median: round(quantile(xs, 0.5)), [hi === 0.99 ? "p99" : "p95"]: round(quantile(xs, hi)) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.error(`[bench:labs] ${msg}`);

function engineSocket(): string {
  const out = execFileSync("bash", ["scripts/docker-engine.sh"], { encoding: "utf8" });
  const host = /^DOCKER_HOST=(\S+)$/m.exec(out)?.[1];
  if (!host?.startsWith("unix://")) throw new Error(`no DOCKER_HOST from scripts/docker-engine.sh:\n${out}`);
  return host;
}

// ---- launch: warm pool vs cold, via LabEngine + attachShell ----------------------------------

async function launchToFirstByte(svc: LabEngine, warm: boolean): Promise<number> {
  const t0 = performance.now();
  const r = await svc.launch({ ownerId: "bench", templateName: "shell", useWarmPool: warm });
  if (!r.ok) throw new Error(r.message);
  const exec = await svc.attachShell(r.value.id, { cols: 80, rows: 24 }, { history: true });
  if (!exec.ok) throw new Error(exec.message);
  await new Promise<void>((resolve) => exec.value.stream.once("data", () => resolve()));
  const ms = performance.now() - t0;
  exec.value.stream.destroy();
  await svc.stop(r.value.id);
  return ms;
}

async function benchLaunch(): Promise<{ warmLaunchMs: object; coldLaunchMs: object }> {
  const { templates } = loadTemplates("labs/templates");
  const { labs: svc, warmPool } = createLabServices({
    repo: inMemoryLabRepo(),
    engine: () => getEngine(BENCH_ENGINE),
    templates: () => templates,
    defaultEngineId: BENCH_ENGINE,
    warmPool: { mode: "started", sizes: { shell: 1 } },
  });
  const warm: number[] = [];
  const cold: number[] = [];
  try {
    await launchToFirstByte(svc, false); // images ensured, caches warm
    for (let i = 0; i < LAUNCHES; i++) {
      cold.push(await launchToFirstByte(svc, false));
      await warmPool.refill();
      warm.push(await launchToFirstByte(svc, true));
      // The claim started a background refill; let it finish so it doesn't overlap the next cold launch.
      await warmPool.refillInBackground();
      if (i % 10 === 9) log(`launch ${i + 1}/${LAUNCHES}: warm median ${round(quantile(warm, 0.5))} ms, cold median ${round(quantile(cold, 0.5))} ms`);
    }
  } finally {
    await warmPool.drain();
  }
  return { warmLaunchMs: stats(warm, 0.95), coldLaunchMs: stats(cold, 0.95) };
}

// ---- the server -----------------------------------------------------------------------------

async function startServer(dockerHost: string): Promise<AppServer> {
  await dropDatabase(DB_URL);
  await ensureDatabase(DB_URL);
  await applyMigrations(DB_URL, "prisma/migrations");
  process.env.DATABASE_URL = DB_URL;
  const { db } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/testing/demo-data");
  await seedDemo(db);
  await db.$disconnect();
  // The production build (BENCH_DIST_DIR picks another one), measured as deployed.
  process.env.MINGLE_TEST_SERVER = "production";
  if (process.env.BENCH_DIST_DIR) process.env.NEXT_DIST_DIR = process.env.BENCH_DIST_DIR;
  return startAppServer({
    port: PORT,
    databaseUrl: DB_URL,
    distDir: ".next",
    // The app's own warm pool, as a deployment runs it (the test server turns it off).
    env: { DOCKER_HOST: dockerHost, LAB_WARM_POOL: "shell:2" },
  });
}

async function signedInCookie(): Promise<string> {
  const email = `bench-${Date.now()}@bench.mingle.test`;
  const password = "bench password long enough";
  const up = await apiClient(BASE, "")("POST", "/api/v1/auth/signup", { name: "Bench User", email, password });
  if (up.status !== 201) throw new Error(`signup: ${up.status} ${JSON.stringify(up.body)}`);
  return signIn(BASE, email, password);
}

// ---- idle density ---------------------------------------------------------------------------

async function healthMedian(samples = 20): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const r = await fetch(`${BASE}/api/health`);
    await r.arrayBuffer();
    ms.push(performance.now() - t0);
    await sleep(50);
  }
  return round(quantile(ms, 0.5));
}

async function benchIdle(): Promise<{ idleLabs: number; steps: { labs: number; healthMedianMs: number }[] }> {
  const { templates } = loadTemplates("labs/templates");
  const { labs: svc } = createLabServices({ repo: inMemoryLabRepo(), engine: () => getEngine(BENCH_ENGINE), templates: () => templates, defaultEngineId: BENCH_ENGINE });
  const ids: string[] = [];
  const steps: { labs: number; healthMedianMs: number }[] = [{ labs: 0, healthMedianMs: await healthMedian() }];
  let held = 0;
  try {
    while (ids.length < MAX_LABS) {
      const target = Math.min(MAX_LABS, ids.length + STEP);
      const queue = Array.from({ length: target - ids.length }, () => null);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (queue.pop() !== undefined) {
            const r = await svc.launch({ ownerId: "bench", templateName: "shell", useWarmPool: false });
            if (!r.ok) throw new Error(r.message);
            ids.push(r.value.id);
          }
        }),
      );
      await sleep(2000); // let the new containers settle into idle
      const h = await healthMedian();
      steps.push({ labs: ids.length, healthMedianMs: h });
      log(`idle labs ${ids.length}: /api/health median ${h} ms, host free ${Math.round(os.freemem() / 2 ** 20)} MiB`);
      if (h >= HEALTH_LIMIT_MS) break;
      held = ids.length;
    }
  } finally {
    log(`removing ${ids.length} idle labs`);
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let id = queue.pop(); id; id = queue.pop()) await svc.stop(id);
      }),
    );
  }
  return { idleLabs: held, steps };
}

function healthSvg(steps: { labs: number; healthMedianMs: number }[]): string {
  const W = 560;
  const H = 280;
  const pad = { l: 48, r: 16, t: 20, b: 40 };
  const maxX = Math.max(...steps.map((s) => s.labs), 1);
  const maxY = Math.max(HEALTH_LIMIT_MS * 1.1, ...steps.map((s) => s.healthMedianMs));
  const x = (v: number) => pad.l + (v / maxX) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
  const points = steps.map((s) => `${x(s.labs).toFixed(1)},${y(s.healthMedianMs).toFixed(1)}`).join(" ");
  const dots = steps
    .map((s) => `<circle cx="${x(s.labs).toFixed(1)}" cy="${y(s.healthMedianMs).toFixed(1)}" r="3" fill="#2563eb"><title>${s.labs} labs: ${s.healthMedianMs} ms</title></circle>`)
    .join("");
  const xTicks = steps.map((s) => `<text x="${x(s.labs).toFixed(1)}" y="${H - pad.b + 16}" font-size="10" text-anchor="middle">${s.labs}</text>`).join("");
  const yTicks = [0, 25, 50, 75, 100]
    .filter((v) => v <= maxY)
    .map(
      (v) =>
        `<text x="${pad.l - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end">${v}</text><line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0"/>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>${yTicks}
<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(HEALTH_LIMIT_MS)}" y2="${y(HEALTH_LIMIT_MS)}" stroke="#dc2626" stroke-dasharray="4 3"/>
<text x="${W - pad.r}" y="${y(HEALTH_LIMIT_MS) - 4}" font-size="10" text-anchor="end" fill="#dc2626">100 ms limit</text>
<polyline points="${points}" fill="none" stroke="#2563eb" stroke-width="2"/>${dots}${xTicks}
<text x="${(W + pad.l) / 2}" y="${H - 6}" font-size="11" text-anchor="middle">idle shell labs on one host</text>
<text x="12" y="${(H - pad.b) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(H - pad.b) / 2})">/api/health median (ms)</text>
</svg>
`;
}

// ---- terminal through socket.io -------------------------------------------------------------

interface TerminalClient {
  socket: Socket;
  labId: string;
  received: () => number;
  onOutput: (fn: ((data: Buffer) => void) | null) => void;
  close: () => Promise<void>;
}

async function terminalClient(cookie: string): Promise<TerminalClient> {
  const api = apiClient(BASE, cookie);
  const launched = await api<{ id: string }>("POST", "/api/v1/labs", { template: "shell" });
  if (launched.status !== 202) throw new Error(`launch: ${launched.status} ${JSON.stringify(launched.body)}`);
  const labId = launched.body.id;
  for (let i = 0; ; i++) {
    const lab = (await api<{ status: string }>("GET", `/api/v1/labs/${labId}`)).body;
    if (lab.status === "READY") break;
    if (i > 300 || lab.status === "FAILED") throw new Error(`lab ${labId} is ${lab.status}`);
    await sleep(100);
  }
  const socket = connect(BASE, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie, origin: BASE } });
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  let received = 0;
  let unacked = 0;
  let listener: ((data: Buffer) => void) | null = null;
  socket.on("lab:output", (p: { data: Buffer }) => {
    const data = Buffer.from(p.data);
    received += data.length;
    unacked += data.length;
    // Ack like the browser does: in batches once rendered (here: at once).
    if (unacked >= 32 * 1024) {
      socket.emit("lab:ack", { labId, bytes: unacked });
      unacked = 0;
    } else {
      setTimeout(() => {
        if (unacked > 0) socket.emit("lab:ack", { labId, bytes: unacked });
        unacked = 0;
      }, 20);
    }
    listener?.(data);
  });
  const ack = (await socket.timeout(15_000).emitWithAck("lab:attach", { labId, cols: 120, rows: 40 })) as { ok: boolean; error?: { message: string } };
  if (!ack.ok) throw new Error(`attach: ${ack.error?.message}`);
  await sleep(500);
  return {
    socket,
    labId,
    received: () => received,
    onOutput: (fn) => (listener = fn),
    close: async () => {
      socket.close();
      await api("POST", `/api/v1/labs/${labId}/stop`);
    },
  };
}

async function benchEcho(t: TerminalClient): Promise<{ echoMs: object }> {
  const ms: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = i % 2 === 0 ? "a" : "\x7f";
    const got = new Promise<void>((resolve) => t.onOutput(() => resolve()));
    const t0 = performance.now();
    t.socket.emit("lab:input", { labId: t.labId, data: key });
    await Promise.race([got, sleep(2000)]);
    ms.push(performance.now() - t0);
    t.onOutput(null);
    await sleep(2); // let a multi-chunk echo (backspace) finish before the next key
  }
  return { echoMs: stats(ms, 0.99) };
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0);
}

async function benchStream(t: TerminalClient, serverPid: number): Promise<{ streamMBps: number; streamMemGrowthMiB: number }> {
  const bytes = STREAM_MB * 1_000_000;
  const before = rssKiB(serverPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(serverPid))), 50);
  let tail = "";
  const done = new Promise<void>((resolve) =>
    t.onOutput((d) => {
      tail = (tail + d.toString("latin1")).slice(-64);
      if (tail.includes("stream-done-7")) resolve();
    }),
  );
  const start = t.received();
  const t0 = performance.now();
  t.socket.emit("lab:input", { labId: t.labId, data: `head -c ${bytes} /dev/zero | tr '\\0' x; echo; echo stream-done-$((3+4))\r` });
  await Promise.race([done, sleep(300_000).then(() => Promise.reject(new Error("stream did not finish in 5 minutes")))]);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const got = t.received() - start;
  log(`stream: ${(got / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; server RSS ${Math.round(before / 1024)} → peak ${Math.round(peak / 1024)} MiB`);
  return { streamMBps: round(got / 1e6 / seconds), streamMemGrowthMiB: round((peak - before) / 1024) };
}

// ---- main -----------------------------------------------------------------------------------

const dockerHost = engineSocket();
registerEngine(BENCH_ENGINE, { socketPath: dockerHost.slice("unix://".length) });
registerEngine("local", { socketPath: dockerHost.slice("unix://".length) });
await ensureBaseImage(getEngine(BENCH_ENGINE));

const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
const result: Record<string, unknown> = { ...previous };
let steps: { labs: number; healthMedianMs: number }[] | undefined;

try {
  if (ONLY.has("launch")) {
    log(`launch: ${LAUNCHES} warm and ${LAUNCHES} cold`);
    Object.assign(result, await benchLaunch());
  }
  if (ONLY.has("idle") || ONLY.has("echo") || ONLY.has("stream")) {
    const server = await startServer(dockerHost);
    try {
      if (ONLY.has("echo") || ONLY.has("stream")) {
        const t = await terminalClient(await signedInCookie());
        try {
          if (ONLY.has("echo")) Object.assign(result, await benchEcho(t));
          if (ONLY.has("stream")) Object.assign(result, await benchStream(t, server.pid));
        } finally {
          await t.close();
        }
      }
      if (ONLY.has("idle")) {
        const idle = await benchIdle();
        result.idleLabs = idle.idleLabs;
        steps = idle.steps;
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  // Whatever happened: no bench lab stays behind.
  const engine = getEngine(BENCH_ENGINE);
  const left = await engine.listContainers({ [LABEL.managed]: "true", [LABEL.engine]: BENCH_ENGINE });
  for (const c of left) await engine.removeContainer(c.id);
  for (const v of await engine.listVolumes({ [LABEL.managed]: "true", [LABEL.engine]: BENCH_ENGINE })) await engine.removeVolume(v.name);
  if (left.length) log(`removed ${left.length} leftover bench containers`);
}

result.machine = machine();
const ordered = Object.fromEntries(
  ["warmLaunchMs", "coldLaunchMs", "idleLabs", "echoMs", "streamMBps", "streamMemGrowthMiB", "machine"].filter((k) => k in result).map((k) => [k, result[k]]),
);
mkdirSync("bench/results", { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(ordered, null, 2)}\n`);
if (steps) {
  writeFileSync("bench/results/labs-health-vs-idle.json", `${JSON.stringify(steps, null, 2)}\n`);
  writeFileSync("bench/results/labs-health-vs-idle.svg", healthSvg(steps));
}
console.log(JSON.stringify(ordered, null, 2));
process.exit(0);

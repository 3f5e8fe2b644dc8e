/**
 * Lab workspace benchmark: how fast a file goes into a running lab the way the browser sends it
 * (PUT /api/v1/labs/{id}/files, raw body, through the real server into the lab's container) and
 * comes back out (GET …/files/download), into /home/lab (tar in an exec) and /lab (the Engine
 * API's archive endpoint, spooled).
 *
 * Run: npx next build && npx tsx bench/workspace-files.ts [--mb 64] [--runs 5]
 *   BENCH_DIST_DIR=.next-x  uses that Next build directory (NEXT_DIST_DIR) for the server.
 * Needs the Docker Engine (scripts/docker-engine.sh) and PostgreSQL on 127.0.0.1. Starts its own
 * server on 127.0.0.1:3192 against a fresh database `mingle_bench_workspace`, with one template of
 * its own (a lab with room for the file); all traffic stays on 127.0.0.1; its lab is stopped at the
 * end. Writes bench/results/workspace-files.json.
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { apiClient, signIn, startAppServer } from "@/lib/testing/app-server";
import { ensureTestEngine } from "@/lib/testing/docker";
import { machine, numberArg, percentile, writeBenchResult } from "./results";

const MB = numberArg("mb", 64);
const RUNS = numberArg("runs", 5);
const PORT = 3192;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_URL = "postgresql://root@127.0.0.1:5432/mingle_bench_workspace";
const RESULTS = "bench/results/workspace-files.json";
const ROOTS = ["/home/lab", "/lab"] as const;

// A lab with room for the file twice over (/lab writes into a staging folder before the move);
// memory above the tmpfs, since /home/lab's pages count against the container's memory.
const TEMPLATE = `services:
  - name: shell
    image: mingle/busybox:1
    command: ["sleep", "inf"]
x-mingle:
  title: Benchmark files
  isolation: container
  runtime: runc
  limits: { memory: ${MB * 2 + 64}m, cpus: 1, pids: 64, tmpfs: ${MB * 2 + 16}m }
  ttl: 30m
`;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

await ensureTestEngine();
const dockerHost = process.env.DOCKER_HOST ?? `unix://${path.resolve(".data/docker/docker.sock")}`;
const templates = mkdtempSync(path.join(os.tmpdir(), "mingle-bench-templates-"));
cpSync("labs/templates", templates, { recursive: true });
writeFileSync(path.join(templates, "bench-files.yaml"), TEMPLATE);

await dropDatabase(DB_URL);
await ensureDatabase(DB_URL);
await applyMigrations(DB_URL, "prisma/migrations");
process.env.MINGLE_TEST_SERVER = "production";
if (process.env.BENCH_DIST_DIR) process.env.NEXT_DIST_DIR = process.env.BENCH_DIST_DIR;
const server = await startAppServer({ port: PORT, databaseUrl: DB_URL, distDir: ".next", env: { DOCKER_HOST: dockerHost, LAB_TEMPLATES_DIR: templates, LAB_WARM_POOL: "none" } });

let labId = "";
let cookie = "";
try {
  const email = `bench-${Date.now()}@bench.mingle.test`;
  const password = "bench password long enough";
  const up = await apiClient(BASE, "")("POST", "/api/v1/auth/signup", { name: "Bench User", email, password });
  if (up.status !== 201) throw new Error(`signup: ${up.status} ${JSON.stringify(up.body)}`);
  cookie = await signIn(BASE, email, password);
  const call = apiClient(BASE, cookie);
  const launched = await call<{ id: string }>("POST", "/api/v1/labs", { template: "bench-files" });
  if (launched.status !== 202) throw new Error(`launch: ${launched.status} ${JSON.stringify(launched.body)}`);
  labId = launched.body.id;
  for (let i = 0; ; i++) {
    const lab = await call<{ status: string; failureReason: string | null }>("GET", `/api/v1/labs/${labId}`);
    if (lab.body.status === "READY") break;
    if (i > 300 || !["CREATING", "BOOTING"].includes(lab.body.status)) throw new Error(`lab ${labId}: ${lab.body.status} ${lab.body.failureReason ?? ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const data = randomBytes(MB * 1024 ** 2);
  const digest = sha(data);
  const byRoot: Record<string, { uploadMs: number[]; downloadMs: number[] }> = {};
  for (const root of ROOTS) {
    const url = (kind: string) => `${BASE}/api/v1/labs/${labId}/files${kind}?${new URLSearchParams({ root, path: "bench.bin" })}`;
    byRoot[root] = { uploadMs: [], downloadMs: [] };
    for (let run = 0; run < RUNS; run++) {
      let t0 = performance.now();
      const put = await fetch(url(""), { method: "PUT", headers: { cookie, "content-type": "application/octet-stream" }, body: data });
      if (put.status !== 200) throw new Error(`upload into ${root}: ${put.status} ${await put.text()}`);
      byRoot[root].uploadMs.push(performance.now() - t0);
      t0 = performance.now();
      const got = await fetch(url("/download"), { headers: { cookie } });
      const back = Buffer.from(await got.arrayBuffer());
      byRoot[root].downloadMs.push(performance.now() - t0);
      if (got.status !== 200 || sha(back) !== digest)
        throw new Error(`download from ${root}: ${got.status}, ${back.length} bytes, digest ${sha(back) === digest ? "same" : "different"}`);
    }
  }

  const mbps = (ms: number) => round(MB / (ms / 1000));
  const perRoot = Object.fromEntries(
    Object.entries(byRoot).map(([root, r]) => [
      root,
      {
        uploadMBps: mbps(percentile(r.uploadMs, 50)),
        downloadMBps: mbps(percentile(r.downloadMs, 50)),
        uploadMs: r.uploadMs.map((x) => Math.round(x)),
        downloadMs: r.downloadMs.map((x) => Math.round(x)),
      },
    ]),
  );
  const result = {
    /** MiB/s of a file PUT through the server into /home/lab (where a file dropped on the terminal goes), median of the runs. */
    uploadMBps: perRoot["/home/lab"]!.uploadMBps,
    fileMiB: MB,
    runs: RUNS,
    byRoot: perRoot,
    how: "PUT /api/v1/labs/{id}/files (raw body, Content-Length) from Node's fetch on 127.0.0.1 through the production server into a running lab, then GET …/files/download, compared byte for byte (sha256) each run",
    loadAverage1m: round(os.loadavg()[0]!, 2),
    machine: machine(),
    at: new Date().toISOString(),
  };
  writeBenchResult(RESULTS, result);
} finally {
  if (labId) await apiClient(BASE, cookie)("POST", `/api/v1/labs/${labId}/stop`).catch(() => undefined);
  await server.stop();
  await dropDatabase(DB_URL).catch(() => undefined);
  rmSync(templates, { recursive: true, force: true });
}
process.exit(0);

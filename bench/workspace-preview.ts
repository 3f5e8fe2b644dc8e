import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLabServices } from "@/lib/labs/lab-services";
import { loadTemplates } from "@/lib/labs/templates";
import { createPreviewServer } from "@/lib/preview/preview-server";
import { newNonce, previewKey, signPreviewToken } from "@/lib/preview/token";
import { ensureTestEngine } from "@/lib/testing/docker";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { previewRequest } from "@/lib/testing/websocket-client";
import { machine, numberArg, percentile, writeBenchResult } from "./results";

const REQUESTS = numberArg("requests", 60);
const SECONDS = numberArg("seconds", 10);
const CLIENTS = numberArg("clients", 8);
const RESULTS = "bench/results/workspace-preview.json";
const round = (x: number) => Math.round(x * 10) / 10;
const log = (msg: string) => console.error(`[bench:preview] ${msg}`);

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => probe.once("listening", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function main(): Promise<void> {
  const engine = await ensureTestEngine();
  const { templates } = loadTemplates("labs/templates");
  const repo = inMemoryLabRepo();
  const { labs } = createLabServices({ repo, engine: () => engine, templates: () => templates });
  const launched = await labs.launch({ ownerId: "bench", templateName: "two-services" });
  if (!launched.ok) throw new Error(launched.message);
  const lab = launched.value;
  const port = await freePort();
  const key = previewKey("preview-benchmark-secret");
  const server = createPreviewServer({
    repo,
    engine: () => engine,
    key,
    origin: `http://localhost:${port}`,
    publicUrl: "http://127.0.0.1:3000",
    limits: { maxBodyBytes: 1 << 20, timeoutMs: 30_000, perLab: CLIENTS, total: 64, wsIdleMs: 60_000, sessionIdleMs: 600_000 },
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  try {
    const token = signPreviewToken(key, { labId: lab.id, port: 8080, userId: "bench", readOnly: false, expiresAt: Date.now() + 60_000, nonce: newNonce() });
    const entered = await previewRequest(port, `localhost:${port}`, `/enter?token=${token}`);
    const host = new URL(entered.headers.get("location")!).host;
    const get = async () => {
      const r = await previewRequest(port, host, "/");
      if (r.status !== 200 || !(await r.text()).includes("Hello")) throw new Error(`preview GET answered ${r.status}`);
    };
    const shell = lab.containers!.containers.find((c) => c.interactive)!.id;
    const execGet = async () => {
      const r = await engine.exec(shell, ["wget", "-qO-", "http://127.0.0.1:8080/"], { user: "1000:1000" });
      if (!r.stdout.includes("Hello")) throw new Error(`exec GET: ${r.exitCode} ${r.stderr}`);
    };
    const time = async (fn: () => Promise<void>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) await Promise.all([get(), execGet()]); // warm both paths
    const viaPreview: number[] = [];
    const viaExec: number[] = [];
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < REQUESTS; i++) {
      viaExec.push(await time(execGet));
      viaPreview.push(await time(get));
    }
    const previewP50 = percentile(viaPreview, 50);
    const execP50 = percentile(viaExec, 50);
    log(`GET p50: preview ${round(previewP50)} ms, exec inside the lab ${round(execP50)} ms`);

    let served = 0;
    const until = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < until) {
          await get();
          served++;
        }
      }),
    );
    const rps = served / ((performance.now() - started) / 1000);
    log(`${served} GETs in ${SECONDS} s with ${CLIENTS} clients: ${round(rps)} per second`);

    const result = {
      previewOverheadMs: round(previewP50 - execP50),
      previewRps: round(rps),
      previewGetP50Ms: round(previewP50),
      previewGetP95Ms: round(percentile(viaPreview, 95)),
      execGetP50Ms: round(execP50),
      requests: REQUESTS,
      clients: CLIENTS,
      seconds: SECONDS,
      template: "two-services (busybox httpd on 127.0.0.1:8080)",
      machine: machine(),
      at: new Date().toISOString(),
    };
    writeBenchResult(RESULTS, result);
  } finally {
    server.close();
    await labs.stop(lab.id);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

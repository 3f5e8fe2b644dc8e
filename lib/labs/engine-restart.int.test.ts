import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabContainers } from "@/lib/labs/repo";
import type { LabStatusEvent, LabView } from "@/lib/labs/schema";
import { type AppServer, apiClient, startAppServer, TEST_SECRET } from "@/lib/testing/app-server";
import { createPeople, type FixturePerson } from "@/lib/testing/booking-fixtures";
import { freshDatabase } from "@/lib/testing/database";
import { ensureTestEngine, removeEngineLeftovers } from "@/lib/testing/docker";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { until } from "@/lib/testing/until";

// The real server, PostgreSQL and this worktree's own Docker Engine (scripts/docker-engine.sh),
// which the last test stops and starts again under running labs. A lab killed from outside turns
// FAILED within 2 s over the API and the socket; after the engine restart every lab is LOST within
// 60 s, the warm pool is rebuilt, the next launch works, and nothing rejects unhandled.
const PORT = 3950 + (process.pid % 40);
const ENGINE_ID = `it-restart-${process.pid}`;
const database = await freshDatabase("labs_restart");
let db: Db;
let server: AppServer;
let engine: Engine;
let people: FixturePerson[];
const sockets: Socket[] = [];
let running: LabView[] = [];

function dockerHost(): string {
  return /^DOCKER_HOST=(unix:\/\/\S+)$/m.exec(execFileSync("bash", ["scripts/docker-engine.sh"], { encoding: "utf8" }))![1]!;
}

async function as(p: FixturePerson) {
  return apiClient(server.base, await sessionCookie(p.id, TEST_SECRET));
}

/** A signed-in socket for the person, with what it was sent. */
async function socketOf(p: FixturePerson) {
  const socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: await sessionCookie(p.id, TEST_SECRET), origin: server.base } });
  sockets.push(socket);
  const statuses: LabStatusEvent[] = [];
  const ended: { labId: string; reason: string }[] = [];
  let output = "";
  socket.on("lab:status", (e: LabStatusEvent) => statuses.push(e));
  socket.on("lab:terminal-ended", (e: { labId: string; reason: string }) => ended.push(e));
  socket.on("lab:output", (e: { data: ArrayBuffer | Uint8Array }) => (output += Buffer.from(e.data as ArrayBuffer).toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", reject);
  });
  /** Attaches to the lab's terminal and waits until the shell answers. */
  async function attach(labId: string) {
    const ack = await socket.emitWithAck("lab:attach", { labId, cols: 80, rows: 24 });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    await socket.emitWithAck("lab:input", { labId, data: "echo shell-$((6*7))\n" });
    await until("the shell's answer", async () => (output.includes("shell-42") ? true : undefined), 10_000);
  }
  return { socket, statuses, ended, attach };
}

async function launchReady(p: FixturePerson): Promise<LabView> {
  const call = await as(p);
  const r = await call<LabView>("POST", "/api/v1/labs", { template: "shell" });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return until(
    `lab ${r.body.id} ready`,
    async () => {
      const v = await call<LabView>("GET", `/api/v1/labs/${r.body.id}`);
      if (v.body.status === "FAILED") throw new Error(`launch failed: ${v.body.failureReason}`);
      return v.body.status === "READY" ? v.body : undefined;
    },
    30_000,
  );
}

async function containersOf(labId: string): Promise<LabContainers> {
  const row = await db.lab.findUniqueOrThrow({ where: { id: labId }, select: { containers: true } });
  return row.containers as unknown as LabContainers;
}

/** Warm labs the server keeps on the engine, running. */
async function runningWarmLabs(): Promise<string[]> {
  const list = await engine.listContainers({ [LABEL.engine]: ENGINE_ID, [LABEL.pool]: "true", [LABEL.role]: "service" });
  const ids = await Promise.all(
    list.map(async (c) => ((await db.lab.findUnique({ where: { id: c.labels[LABEL.lab]! } })) ? undefined : c.state === "running" ? c.labels[LABEL.lab] : undefined)),
  );
  return ids.filter((id): id is string => Boolean(id));
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  db = createPrismaClient(database.url);
  people = await createPeople(db, "restart", 5);
  server = await startAppServer({
    port: PORT,
    databaseUrl: database.url,
    distDir: ".next-labs-restart-it",
    env: { DOCKER_HOST: dockerHost(), LAB_ENGINE_ID: ENGINE_ID, LAB_WARM_POOL: "shell:1", LAB_MAX_PER_USER: "1", LAB_MAX_RUNNING: "4", LOG_LEVEL: "info" },
  });
  await until("the warm lab", async () => ((await runningWarmLabs()).length === 1 ? true : undefined), 60_000);
}, 300_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
  // Whatever the server left (it drains its warm pool at stop; running labs stay by design).
  await removeEngineLeftovers(engine, ENGINE_ID);
  await db?.$disconnect();
  await database.drop();
});

describe("labs that die, on the real server", () => {
  it("a lab whose container is killed from outside turns FAILED within 2 s (API and socket), with its reason; its owner can launch again", async () => {
    const owner = people[0]!;
    const lab = await launchReady(owner);
    const { socket, statuses, ended, attach } = await socketOf(owner);
    const watch = await socket.emitWithAck("lab:watch", { labId: lab.id });
    expect(watch.ok).toBe(true);
    await attach(lab.id);

    const shell = (await containersOf(lab.id)).containers.find((c) => c.interactive)!;
    const t0 = Date.now();
    await new Docker({ socketPath: dockerHost().slice("unix://".length) }).getContainer(shell.id).kill();
    const event = await until("lab:status FAILED", async () => statuses.find((e) => e.status === "FAILED"), 2_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(event.reason).toBe("The lab's shell stopped (exit 137).");
    // The terminal says it ended, and takes no more input.
    await until("lab:terminal-ended", async () => ended.find((e) => e.labId === lab.id), 2_000);
    const input = await socket.emitWithAck("lab:input", { labId: lab.id, data: "echo hello?\n" });
    expect(input.ok).toBe(false);
    const call = await as(owner);
    const view = await call<LabView>("GET", `/api/v1/labs/${lab.id}`);
    expect(view.body).toMatchObject({ status: "FAILED", failureReason: "The lab's shell stopped (exit 137)." });
    const again = await launchReady(owner); // the one lab slot is free again
    expect(again.id).not.toBe(lab.id);
  });

  it("refuses a launch past the server-wide cap with 503 LABS_AT_CAPACITY, Retry-After and the page's sentence", async () => {
    running = [await launchReady(people[1]!), await launchReady(people[2]!), await launchReady(people[3]!)];
    const call = await as(people[4]!); // people[0]'s second lab and these three make LAB_MAX_RUNNING=4
    const t0 = Date.now();
    const r = await fetch(`${server.base}/api/v1/labs`, {
      method: "POST",
      headers: { cookie: await sessionCookie(people[4]!.id, TEST_SECRET), "content-type": "application/json" },
      body: JSON.stringify({ template: "shell" }),
    });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("60");
    expect(await r.json()).toEqual({ error: { code: "LABS_AT_CAPACITY", message: "All lab machines are busy — try again in a minute." } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await call<{ labs: LabView[] }>("GET", "/api/v1/labs")).body.labs).toEqual([]);
  });

  it("after the engine restarts under three running labs: all LOST within 60 s, the warm pool rebuilt, the next launch works, no unhandled rejection", async () => {
    const labs = running;
    expect(labs).toHaveLength(3);
    const watcher = await socketOf(people[1]!);
    await watcher.attach(labs[0]!.id);
    // The launches before claimed the warm lab; the pool refills in the background.
    const warmBefore = await until(
      "the warm pool refilled",
      async () => {
        const ids = await runningWarmLabs();
        return ids.length === 1 ? ids : undefined;
      },
      60_000,
    );
    expect(warmBefore).toHaveLength(1);

    execFileSync("bash", ["scripts/docker-engine.sh", "stop"], { stdio: "ignore", timeout: 60_000 });
    const t0 = Date.now();
    execFileSync("bash", ["scripts/docker-engine.sh"], { stdio: "ignore", timeout: 60_000 });

    for (const [i, lab] of labs.entries()) {
      const call = await as(people[i + 1]!);
      const view = await until(
        `lab ${lab.id} lost`,
        async () => {
          const v = await call<LabView>("GET", `/api/v1/labs/${lab.id}`);
          return v.body.status === "LOST" || v.body.status === "FAILED" ? v.body : undefined;
        },
        60_000 - (Date.now() - t0),
      );
      expect(view.status).toBe("LOST");
      expect(view.failureReason).toBe("The lab machine restarted; the lab was lost.");
    }
    await until("the terminal ended", async () => watcher.ended.find((e) => e.labId === labs[0]!.id), 5_000);
    const warmAfter = await until(
      "a new warm lab",
      async () => {
        const ids = await runningWarmLabs();
        return ids.length === 1 && ids[0] !== warmBefore[0] ? ids : undefined;
      },
      60_000,
    );
    expect(warmAfter).not.toContain(warmBefore[0]);

    // The owner of a lost lab launches again, and the new lab's shell runs a command.
    const next = await launchReady(people[1]!);
    const shell = (await containersOf(next.id)).containers.find((c) => c.interactive)!;
    const r = await engine.exec(shell.id, ["sh", "-c", "echo works"], { user: "1000:1000", timeoutMs: 10_000 });
    expect(r.stdout).toBe("works\n");
    expect(server.output()).not.toMatch(/unhandledRejection|Unhandled/);
  }, 240_000);
});

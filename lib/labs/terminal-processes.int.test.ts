import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { projectSocketPath } from "@/lib/docker/engines";
import { closeRedis, redis, redisKey } from "@/lib/redis";
import { apiClient, signIn, startAppServer, type AppServer } from "@/lib/testing/app-server";
import { createPeople, FIXTURE_PASSWORD } from "@/lib/testing/booking-fixtures";
import { ensureTestEngine } from "@/lib/testing/docker";
import { until } from "@/lib/testing/until";

/**
 * One lab terminal across real server processes (server.ts three times, one database, one Redis,
 * the real engine): a participant on A and one on B type into and see the same shell; A, which
 * served the first and wrote the lab's scroll-back, is killed with SIGKILL; that participant
 * reconnects to C, which never served the lab, and goes on in the same shell with its scroll-back
 * (from Redis), while the one on B goes on undisturbed (docs/decisions/0020).
 */
const PORTS = [0, 1, 2].map((i) => 4150 + (process.pid % 15) * 3 + i);

let db: Db;
let a: AppServer;
let b: AppServer;
let c: AppServer;
let labId: string;
let cookie: string;
const sockets: Socket[] = [];

/** A socket.io client of one process, with the terminal text it was sent (replay first). */
async function viewer(server: AppServer): Promise<{ socket: Socket; text: () => string; replay: string }> {
  const socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie, origin: server.base } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  let text = "";
  socket.on("lab:output", (p: { data: ArrayBuffer | Buffer; reset?: boolean }) => {
    const data = Buffer.from(p.data as ArrayBuffer);
    text = p.reset ? data.toString() : text + data.toString();
    socket.emit("lab:ack", { labId, bytes: data.length });
  });
  const ack = (await socket.timeout(20_000).emitWithAck("lab:attach", { labId, cols: 100, rows: 30 })) as { ok: boolean; canType?: boolean; replay?: ArrayBuffer | Buffer };
  expect(ack).toMatchObject({ ok: true, canType: true });
  const replay = Buffer.from((ack.replay ?? new ArrayBuffer(0)) as ArrayBuffer).toString();
  text = replay + text;
  return { socket, text: () => text, replay };
}

const type = (socket: Socket, data: string) => socket.emit("lab:input", { labId, data });
const sees = (what: string, v: { text: () => string }, pattern: string | RegExp) =>
  until(what, async () => (typeof pattern === "string" ? v.text().includes(pattern) : pattern.test(v.text())) || undefined, 15_000, 50);

beforeAll(async () => {
  await ensureTestEngine();
  db = createPrismaClient(process.env.DATABASE_URL!);
  const [owner] = await createPeople(db, "terminals", 1);
  // Reconciled before the lab launches (its log line says when it is done): only the holder of the
  // jobs lease reconciles, so one of the three says it.
  const env = { DOCKER_HOST: process.env.DOCKER_HOST ?? `unix://${projectSocketPath()}`, LOG_LEVEL: "info" };
  const started = await Promise.all(
    PORTS.map((port, i) => startAppServer({ port, databaseUrl: process.env.DATABASE_URL!, distDir: `.next-terminal-processes-it-${i}`, env, timeoutMs: 240_000 })),
  );
  [a, b, c] = started as [AppServer, AppServer, AppServer];
  await until("start-up reconciliation", async () => started.some((server) => server.output().includes('"labs.reconciled"')) || undefined, 60_000, 100);
  cookie = await signIn(a.base, owner!.email, FIXTURE_PASSWORD);
  const call = apiClient(a.base, cookie);
  const launched = await call<{ id: string }>("POST", "/api/v1/labs", { template: "shell" });
  expect(launched.status).toBe(202);
  labId = launched.body.id;
  await until("the lab ready", async () => ((await call<{ status: string }>("GET", `/api/v1/labs/${labId}`)).body.status === "READY" ? true : undefined), 60_000, 250);
}, 400_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  if (labId && cookie && b) await apiClient(b.base, cookie)("POST", `/api/v1/labs/${labId}/stop`).catch(() => undefined);
  await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
  await closeRedis();
  await db?.$disconnect();
});

describe("a lab terminal across server processes", () => {
  it("is one shell for participants on different processes; it survives the process that served one of them", { timeout: 120_000 }, async () => {
    const onA = await viewer(a);
    const onB = await viewer(b);
    await sees("the first prompt on A", onA, "lab@lab:~$ ");

    // What one types, both see; both can type.
    type(onA.socket, "echo from-a-$((1+1))\r");
    await sees("A's command on A", onA, "from-a-2");
    await sees("A's command on B", onB, "from-a-2");
    type(onB.socket, "echo from-b-$((2+2))\r");
    await sees("B's command on B", onB, "from-b-4");
    await sees("B's command on A", onA, "from-b-4");

    // State typed through A...
    type(onA.socket, "cd /tmp; X=41\r");
    await sees("the new prompt on A", onA, "lab@lab:/tmp$ ");
    await sees("the new prompt on B", onB, "lab@lab:/tmp$ ");

    // ...then A dies without a word.
    const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
      onA.socket.once("disconnect", () => resolve("SIGKILL"));
      process.kill(a.pid, "SIGKILL");
    });
    expect(killed).toBe("SIGKILL");

    // The client that was on A reconnects to C: its scroll-back (which A wrote), then the same shell.
    const again = await viewer(c);
    expect(again.replay).toContain("from-a-2");
    expect(again.replay).toContain("from-b-4");
    expect(again.replay).toContain("X=41");
    type(again.socket, "echo $((X+1)) $PWD\r");
    await sees("the same shell's state, reconnected to C", again, /42 \/tmp/);
    await sees("the same shell's state, on B all along", onB, /42 \/tmp/);
    // One of B and C took the lab's scroll-back over when A's lease ran out: a fourth process would replay it all.
    const key = redisKey("terminal", labId, "scrollback");
    await until("the scroll-back written on", async () => ((await redis().get(key))?.includes("42 /tmp") ? true : undefined), 15_000, 200);
  });
});

import { randomBytes } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import type { LabView } from "@/lib/labs/schema";
import { apiClient, startAppServer, TEST_SECRET, type AppServer } from "@/lib/testing/app-server";
import { createConference, createPeople, makeAvailable, type FixturePerson, type World } from "@/lib/testing/booking-fixtures";
import { freshDatabase } from "@/lib/testing/database";
import { ensureTestEngine, removeEngineLeftovers } from "@/lib/testing/docker";
import { sampleSum, scrapeMetrics } from "@/lib/testing/prometheus";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { until } from "@/lib/testing/until";

// The real server (PostgreSQL, Docker Engine): /metrics behind its token, parsed by a Prometheus
// text-format parser, moves when a booking and a lab launch happen; the log lines of one request
// share its request id, through the lab's launch that goes on after the response.
const PORT = 4250 + (process.pid % 50);
const ENGINE_ID = `it-metrics-${process.pid}`;
const TOKEN = randomBytes(24).toString("hex");
const database = await freshDatabase("metrics_it");
let db: Db;
let server: AppServer;
let engine: Engine;
let world: World;
let socket: Socket | undefined;

const metrics = () => scrapeMetrics(`${server.base}/metrics`, TOKEN);
const as = async (p: FixturePerson) => apiClient(server.base, await sessionCookie(p.id, TEST_SECRET));

/** The server's log lines (JSON) that match, parsed. */
function logLines(match: (line: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter(match);
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  db = createPrismaClient(database.url);
  world = await createConference(db, { slug: "metrics", tables: 2 });
  server = await startAppServer({
    port: PORT,
    databaseUrl: database.url,
    distDir: ".next-metrics-it",
    env: { DOCKER_HOST: process.env.DOCKER_HOST ?? "", LAB_ENGINE_ID: ENGINE_ID, METRICS_TOKEN: TOKEN, LOG_LEVEL: "info" },
  });
}, 300_000);

afterAll(async () => {
  socket?.close();
  await server?.stop();
  await removeEngineLeftovers(engine, ENGINE_ID);
  await db?.$disconnect();
  await database.drop();
});

describe("/metrics", () => {
  it("answers 401 without the token or with a wrong one, and says what to send", async () => {
    for (const headers of [{}, { authorization: "Bearer not-the-token" }, { authorization: TOKEN }] as Record<string, string>[]) {
      const r = await fetch(`${server.base}/metrics`, { headers });
      expect(r.status).toBe(401);
      expect(await r.text()).toMatch(/Authorization: Bearer <METRICS_TOKEN>/);
    }
  });

  it("parses as Prometheus text with the process metrics, the event-loop lag, the pool and the sockets", async () => {
    const m = await metrics();
    for (const name of [
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "mingle_db_pool_connections",
      "mingle_db_pool_waiting",
      "mingle_sockets_connected",
      "mingle_labs_live",
    ])
      expect(m[name], name).toBeDefined();
    expect(sampleSum(m, "mingle_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
    expect(m.mingle_http_request_duration_seconds?.type).toBe("histogram");
  });

  it("counts a booking: the request, the accept and a conflict, and times them by route pattern", async () => {
    const [expert, requester, late] = await createPeople(db, "metrics", 3);
    const slot = world.tomorrow[3]!;
    await makeAvailable(db, world.conferenceId, [expert!.id], [slot]);
    const before = await metrics();
    const requested = await (await as(requester!))<{ id: string }>("POST", "/api/v1/sessions", { offerId: expert!.offerId, slotStart: slot.toISOString() });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const taken = await (await as(late!))("POST", "/api/v1/sessions", { offerId: expert!.offerId, slotStart: slot.toISOString() });
    expect(taken.status).toBe(409);
    const accepted = await (await as(expert!))("POST", `/api/v1/sessions/${requested.body.id}/respond`, { action: "accept" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const after = await metrics();
    const moved = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved("mingle_booking_operations_total", { operation: "requestSession", code: "OK" })).toBe(1);
    expect(moved("mingle_booking_operations_total", { operation: "requestSession", code: "SLOT_TAKEN" })).toBe(1);
    expect(moved("mingle_booking_operations_total", { operation: "respondToRequest", code: "OK" })).toBe(1);
    expect(moved("mingle_booking_conflicts_total", { operation: "requestSession", code: "SLOT_TAKEN" })).toBe(1);
    expect(moved("mingle_http_request_duration_seconds", { method: "POST", route: "/api/v1/sessions", status: "201" })).toBe(1);
    expect(moved("mingle_http_request_duration_seconds", { method: "POST", route: "/api/v1/sessions/[sessionId]/respond", status: "200" })).toBe(1);
    // Labelled by pattern: no session id in any label.
    expect(JSON.stringify(after)).not.toContain(requested.body.id);
  }, 120_000);

  it("counts a lab launch by template and host, its time to ready, the live lab, the socket and the terminal's bytes", async () => {
    const [owner] = await createPeople(db, "metrics-lab", 1);
    const call = await as(owner!);
    const before = await metrics();
    const launched = await call<LabView>("POST", "/api/v1/labs", { template: "shell" });
    expect(launched.status, JSON.stringify(launched.body)).toBe(202);
    await until(
      "the lab ready",
      async () => {
        const v = await call<LabView>("GET", `/api/v1/labs/${launched.body.id}`);
        if (v.body.status === "FAILED") throw new Error(`launch failed: ${v.body.failureReason}`);
        return v.body.status === "READY" ? true : undefined;
      },
      60_000,
    );
    socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: await sessionCookie(owner!.id, TEST_SECRET), origin: server.base } });
    let output = "";
    socket.on("lab:output", (e: { data: ArrayBuffer }) => (output += Buffer.from(e.data).toString("utf8")));
    await new Promise<void>((resolve, reject) => {
      socket!.on("connect", resolve);
      socket!.on("connect_error", reject);
    });
    expect((await socket.emitWithAck("lab:attach", { labId: launched.body.id, cols: 80, rows: 24 })).ok).toBe(true);
    await socket.emitWithAck("lab:input", { labId: launched.body.id, data: "echo metrics-$((6*7))\n" });
    await until("the shell's answer", async () => (output.includes("metrics-42") ? true : undefined), 10_000);

    const after = await metrics();
    const moved = (name: string, labels: Record<string, string>) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved("mingle_lab_launches_total", { template: "shell", host: ENGINE_ID, outcome: "ready" })).toBe(1);
    expect(moved("mingle_lab_launch_duration_seconds", { template: "shell", host: ENGINE_ID, warm: "false" })).toBe(1);
    expect(sampleSum(after, "mingle_labs_live", { host: ENGINE_ID, status: "READY" })).toBe(1);
    expect(sampleSum(after, "mingle_sockets_connected")).toBeGreaterThanOrEqual(1);
    expect(moved("mingle_terminal_bytes_total", { direction: "input" })).toBeGreaterThanOrEqual("echo metrics-$((6*7))\n".length);
    expect(moved("mingle_terminal_bytes_total", { direction: "output" })).toBeGreaterThan(0);
    expect(JSON.stringify(after)).not.toContain(launched.body.id);
    expect(JSON.stringify(after)).not.toContain(owner!.id);
  }, 120_000);
});

describe("request ids in the logs", () => {
  it("answers with the caller's X-Request-Id, or a new one when it is not safe to keep", async () => {
    const kept = await fetch(`${server.base}/api/health`, { headers: { "x-request-id": "it-health-1" } });
    expect(kept.headers.get("x-request-id")).toBe("it-health-1");
    const replaced = await fetch(`${server.base}/api/health`, { headers: { "x-request-id": "a b <c>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("stamps every line of one request with its id, in Next's route handler and in the launch that goes on after the response", async () => {
    const [owner] = await createPeople(db, "metrics-log", 1);
    const cookie = await sessionCookie(owner!.id, TEST_SECRET);
    const requestId = `it-launch-${process.pid}`;
    const r = await fetch(`${server.base}/api/v1/labs`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ template: "shell" }),
    });
    expect(r.status).toBe(202);
    expect(r.headers.get("x-request-id")).toBe(requestId);
    const { id: labId } = (await r.json()) as LabView;
    // labs.status lines are written by the lab engine as the launch goes CREATING → BOOTING → READY.
    const lines = await until(
      "the launch's status lines",
      async () => {
        const found = logLines((l) => l.event === "labs.status" && l.labId === labId);
        return found.some((l) => l.status === "READY" || l.status === "FAILED") ? found : undefined;
      },
      60_000,
    );
    expect(lines.map((l) => l.status)).toEqual(expect.arrayContaining(["CREATING", "BOOTING"]));
    expect(new Set(lines.map((l) => l.requestId))).toEqual(new Set([requestId]));
    for (const l of lines) expect(l).toMatchObject({ level: "info", pid: expect.any(Number) });
  }, 120_000);
});

import { readFile } from "node:fs/promises";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STICKY_COOKIE } from "@/lib/cluster/haproxy-config";
import { type ClusterState, procProbe } from "@/lib/cluster/leftovers";
import { createPrismaClient } from "@/lib/db";
import { TEST_SECRET } from "@/lib/testing/app-server";
import { DOUBLE_BOOKINGS_SQL } from "@/lib/testing/booking-fixtures";
import { bookingWorld } from "@/lib/testing/booking-world";
import { type Cluster, startCluster } from "@/lib/testing/cluster";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { until } from "@/lib/testing/until";

// Two real server processes behind a real HAProxy, started by the real supervisor, on one database:
// a rolling restart under a booking load loses no request, and sockets move to the other process.
const PORT = 4200;
const db = createPrismaClient(process.env.DATABASE_URL!);
let cluster: Cluster;
// One conference for both tests: the app books in the conference that is on, so a second one would get in the way.
let world: Awaited<ReturnType<typeof bookingWorld>>;

interface Outcome {
  what: string;
  status: number | "error";
  /** The process HAProxy sent it to (its stickiness cookie), when it answered. */
  server?: string;
  at: number;
  detail?: string;
}

/** One API call through HAProxy, recorded: status, serving process, or the connection error. */
async function call(outcomes: Outcome[], cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown } | undefined> {
  const what = `${method} ${path.replace(/[0-9a-f]{20,}/g, ":id")}`;
  try {
    const response = await fetch(`${cluster.base}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const server = response.headers
      .getSetCookie()
      .map((c) => new RegExp(`^${STICKY_COOKIE}=([^;]+)`).exec(c)?.[1])
      .find(Boolean);
    outcomes.push({ what, status: response.status, server, at: Date.now(), detail: response.status >= 500 ? text.slice(0, 200) : undefined });
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HAProxy's own error pages are HTML; the status already says what happened
    }
    return { status: response.status, body: parsed };
  } catch (error) {
    outcomes.push({ what, status: "error", at: Date.now(), detail: String((error as Error).cause ?? error) });
    return undefined;
  }
}

const EXPECTED = new Set([200, 201, 409]);

beforeAll(async () => {
  world = await bookingWorld(db, { slug: "cluster", experts: 4, requesters: 8, slots: 12, tables: 6 });
  cluster = await startCluster({ processes: 2, port: PORT, databaseUrl: process.env.DATABASE_URL!, distDir: ".next-cluster-test", env: { BOOKING_MAX_PENDING: "100" } });
}, 600_000);
afterAll(async () => {
  const code = await cluster?.stop();
  await db.$disconnect();
  // The supervisor stopped every process and HAProxy, and said so with its exit code.
  expect(code).toBe(0);
}, 60_000);

describe("several processes behind HAProxy", () => {
  it("keeps a long-polling client on one process with the stickiness cookie", async () => {
    const session = await sessionCookie(world.requesters[0]!.id, TEST_SECRET);
    const headers = { origin: cluster.base, cookie: session };
    const poll = (sid: string, extra: string) =>
      fetch(`${cluster.base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
        method: "POST",
        headers: { ...headers, cookie: `${session}${extra}`, "content-type": "text/plain;charset=UTF-8" },
        body: "3", // an engine.io pong: harmless, answered "ok" by the process holding the session
      }).then((r) => r.status);
    const open = await fetch(`${cluster.base}/socket.io/?EIO=4&transport=polling`, { headers });
    expect(open.status).toBe(200);
    const sid = (JSON.parse((await open.text()).slice(1)) as { sid: string }).sid;
    const sticky = open.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${STICKY_COOKIE}=`))!
      .split(";")[0]!;
    expect(sticky).toMatch(/=p[12]$/);
    // With the cookie every request reaches the process that knows the session...
    const withCookie = await Promise.all(Array.from({ length: 6 }, () => poll(sid, `; ${sticky}`)));
    expect(withCookie).toEqual(Array(6).fill(200));
    // ...without it, round-robin sends some to the other process, which does not (400).
    const without = [];
    for (let i = 0; i < 4; i++) without.push(await poll(sid, ""));
    expect(without).toContain(400);
  });

  it("loses no request and no socket in a rolling restart under a booking load", async () => {
    const { experts, requesters, slots } = world;
    const expertCookies = await Promise.all(experts.map((e) => sessionCookie(e.id, TEST_SECRET)));
    const requesterCookies = await Promise.all(requesters.map((r) => sessionCookie(r.id, TEST_SECRET)));
    const outcomes: Outcome[] = [];

    // A socket through HAProxy (WebSocket, as browsers upgrade to), reconnecting by itself.
    const socket: Socket = connect(cluster.base, {
      transports: ["websocket"],
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      extraHeaders: { origin: cluster.base, cookie: requesterCookies[0]! },
    });
    let connects = 0;
    let disconnects = 0;
    socket.on("connect", () => connects++);
    socket.on("disconnect", () => disconnects++);
    await until("the socket connecting through HAProxy", async () => (socket.connected ? true : undefined), 20_000);

    // Each requester asks an expert for a slot; the expert accepts; the requester cancels (so the
    // slot is free again) and lists its sessions. Pairs of requesters race for each expert's slot.
    let running = true;
    let bookings = 0;
    const load = requesters.map(async (_, i) => {
      const e = i % experts.length;
      for (let round = 0; running; round++) {
        const slotStart = slots[(round + i) % slots.length]!.toISOString();
        const asked = await call(outcomes, requesterCookies[i]!, "POST", "/api/v1/sessions", { offerId: experts[e]!.offerId, slotStart });
        if (asked?.status === 201) {
          const id = (asked.body as { id: string }).id;
          const accepted = await call(outcomes, expertCookies[e]!, "POST", `/api/v1/sessions/${id}/respond`, { action: "accept" });
          if (accepted?.status === 200) bookings++;
          await call(outcomes, requesterCookies[i]!, "POST", `/api/v1/sessions/${id}/cancel`, { reason: "load test" });
        }
        await call(outcomes, requesterCookies[i]!, "GET", "/api/v1/sessions");
      }
    });

    const servedBy = (from: number, to: number) => new Set(outcomes.filter((o) => o.at >= from && o.at < to && o.server).map((o) => o.server));
    try {
      const before = await cluster.pids();
      const t0 = Date.now();
      await until("requests served by both processes", async () => (servedBy(t0, Infinity).size === 2 ? true : undefined), 30_000);
      const started = Date.now();
      await cluster.rollingRestart();
      const restarted = Date.now();
      const after = await cluster.pids();
      await until("requests served by both restarted processes", async () => (servedBy(restarted, Infinity).size === 2 ? true : undefined), 30_000);
      await until("the socket back on a process", async () => (socket.connected ? true : undefined), 20_000);
      running = false;
      await Promise.all(load);

      // Both processes were replaced...
      expect(after.p1).not.toBe(before.p1);
      expect(after.p2).not.toBe(before.p2);
      // ...while the load kept being served, by both processes before and after.
      expect(servedBy(0, started)).toEqual(new Set(["p1", "p2"]));
      expect(outcomes.filter((o) => o.at >= started && o.at < restarted).length).toBeGreaterThan(20);
      const tally: Record<string, number> = {};
      for (const o of outcomes) tally[`${o.what} ${o.status}`] = (tally[`${o.what} ${o.status}`] ?? 0) + 1;
      expect(bookings, JSON.stringify(tally)).toBeGreaterThan(0);
      // Not one request failed: every answer is a success or an expected conflict (a raced slot).
      const failed = outcomes.filter((o) => o.status === "error" || !EXPECTED.has(o.status));
      expect(failed, JSON.stringify(failed.slice(0, 10))).toEqual([]);
      // The socket was handed over (closed by its draining process) and reconnected through HAProxy.
      expect(disconnects).toBeGreaterThanOrEqual(1);
      expect(connects).toBeGreaterThan(disconnects);
      const [check] = await db.$queryRawUnsafe<{ personOverlaps: number; tableOverlaps: number }[]>(DOUBLE_BOOKINGS_SQL);
      expect(check!.personOverlaps + check!.tableOverlaps).toBe(0);
      console.log(`rolling restart: ${outcomes.length} requests, ${bookings} bookings, ${((restarted - started) / 1000).toFixed(1)} s, socket reconnects ${connects - 1}`);
    } finally {
      running = false;
      socket.close();
      await Promise.all(load);
    }
  }, 300_000);

  it("starts a process that crashed again, and HAProxy sends it requests once it is back", async () => {
    const cookie = await sessionCookie(world.requesters[1]!.id, TEST_SECRET);
    const before = await cluster.pids();
    process.kill(before.p2!, "SIGKILL");
    const after = await until(
      "p2 started again",
      async () => {
        const pids = await cluster.pids();
        return pids.p2 && pids.p2 !== before.p2 ? pids : undefined;
      },
      30_000,
    );
    expect(after.p1).toBe(before.p1);
    const outcomes: Outcome[] = [];
    await until(
      "a request served by the new p2",
      async () => {
        await call(outcomes, cookie, "GET", "/api/v1/sessions");
        return outcomes.some((o) => o.server === "p2" && o.status === 200) ? true : undefined;
      },
      60_000,
      250,
    );
    expect(cluster.output()).toMatch(/p2 exited \(SIGKILL\) unasked; starting it again/);
  }, 120_000);

  it("after the supervisor is killed hard, the next start ends the HAProxy and processes it left, and comes up", async () => {
    const state = JSON.parse(await readFile(path.join(cluster.dataDir, "haproxy", "cluster.json"), "utf8")) as ClusterState;
    const left = [state.haproxy!, ...state.processes.map((p) => p.pid!)];
    expect(left.every((pid) => procProbe.alive(pid))).toBe(true);
    await cluster.killSupervisor();
    // Still running without it: HAProxy holds the public port.
    expect(left.every((pid) => procProbe.alive(pid))).toBe(true);
    cluster = await startCluster({
      processes: 2,
      port: PORT,
      databaseUrl: process.env.DATABASE_URL!,
      distDir: ".next-cluster-test",
      env: { BOOKING_MAX_PENDING: "100" },
      dataDir: cluster.dataDir,
    });
    expect(cluster.output()).toMatch(/ending what a cluster stopped hard left running/);
    expect(left.some((pid) => procProbe.alive(pid))).toBe(false);
    const cookie = await sessionCookie(world.requesters[2]!.id, TEST_SECRET);
    expect((await call([], cookie, "GET", "/api/v1/sessions"))?.status).toBe(200);
  }, 300_000);
});

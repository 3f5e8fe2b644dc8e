import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import { type AppServer, apiClient, ownRedisPrefix, startAppServer, TEST_SECRET } from "@/lib/testing/app-server";
import { createConference, createPeople, FIXTURE_PASSWORD, makeAvailable, type FixturePerson, type World } from "@/lib/testing/booking-fixtures";
import { freshDatabase } from "@/lib/testing/database";
import { ensureTestEngine } from "@/lib/testing/docker";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { until } from "@/lib/testing/until";

/**
 * Two real server processes on one PostgreSQL database and one Redis (the same REDIS_PREFIX, one of
 * this file's own), as MINGLE_PROCESSES=2 runs them: what one process does, the other's
 * clients see; a limit is the limit across both; the once-per-deployment jobs run once.
 */
const PREFIX = ownRedisPrefix("scale-out");
const PORTS = [4100 + (process.pid % 20) * 2, 4101 + (process.pid % 20) * 2] as const;
const ENGINE_ID = `scale-it-${process.pid}`;
const SIGNIN_MAX = 4;
const WARM = 2;

const database = await freshDatabase("scale_it");
let db: Db;
let engine: Engine;
let world: World;
let servers: AppServer[] = [];
const sockets: Socket[] = [];
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

function dockerHost(): string {
  return /^DOCKER_HOST=(unix:\/\/\S+)$/m.exec(execFileSync("bash", ["scripts/docker-engine.sh"], { encoding: "utf8" }))![1]!;
}

/** A signed-in socket on one server, with every event it was sent. */
async function socketOn(server: AppServer, p: FixturePerson) {
  const socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: await sessionCookie(p.id, TEST_SECRET), origin: server.base } });
  sockets.push(socket);
  const heard: { event: string; at: number }[] = [];
  socket.onAny((event: string) => heard.push({ event, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", reject);
  });
  return heard;
}

/** A password sign-in through next-auth, as the form does it: the error it shows, or null when it signed in. */
async function signInError(server: AppServer, email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${server.base}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${server.base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  if (response.headers.getSetCookie().some((c) => c.includes("session-token="))) return null;
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return new URL(body.url ?? response.headers.get("location") ?? "http://x/").searchParams.get("error") ?? `status ${response.status}`;
}

/** Warm labs on the engine: labs of ours with containers and no record. */
async function warmLabs(): Promise<string[]> {
  const list = await engine.listContainers({ [LABEL.engine]: ENGINE_ID, [LABEL.pool]: "true", [LABEL.role]: "service" });
  const running = list.filter((c) => c.state === "running").map((c) => c.labels[LABEL.lab]!);
  const recorded = new Set((await db.lab.findMany({ where: { id: { in: running } }, select: { id: true } })).map((l) => l.id));
  return [...new Set(running.filter((id) => !recorded.has(id)))].sort();
}

/** Which server holds the jobs lease (its token starts with host:pid). */
async function leaseHolder(): Promise<AppServer | undefined> {
  const token = await redis.get(`${PREFIX}lease:jobs`);
  return servers.find((s) => token?.split(":")[1] === String(s.pid));
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  db = createPrismaClient(database.url);
  world = await createConference(db, { slug: "scale", tables: 2 });
  const env = {
    DOCKER_HOST: dockerHost(),
    LAB_ENGINE_ID: ENGINE_ID,
    LAB_WARM_POOL: `shell:${WARM}`,
    SIGNIN_MAX_ATTEMPTS: String(SIGNIN_MAX),
    JOBS_LEASE_MS: "2000",
    REDIS_PREFIX: PREFIX,
  };
  servers = await Promise.all(PORTS.map((port, i) => startAppServer({ port, databaseUrl: database.url, distDir: `.next-scale-it-${i}`, env, timeoutMs: 240_000 })));
}, 300_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(servers.map((s) => s.stop()));
  for (const c of (await engine?.listContainers({ [LABEL.engine]: ENGINE_ID }).catch(() => [])) ?? []) await engine.removeContainer(c.id);
  for (const v of (await engine?.listVolumes({ [LABEL.engine]: ENGINE_ID }).catch(() => [])) ?? []) await engine.removeVolume(v.name);
  redis.disconnect();
  await db?.$disconnect();
  await database.drop();
});

describe("two server processes on one database and one Redis", () => {
  it("a request made through process A notifies the expert connected to process B at once, and B's pages refetch", async () => {
    const [a, b] = servers as [AppServer, AppServer];
    const [expert, requester, watcher] = await createPeople(db, "scale", 3);
    const slot = world.tomorrow[0]!;
    await makeAvailable(db, world.conferenceId, [expert!.id], [slot]);
    const expertHeard = await socketOn(b, expert!);
    const pageHeard = await socketOn(b, watcher!);
    const call = apiClient(a.base, await sessionCookie(requester!.id, TEST_SECRET));
    const made = await call("POST", "/api/v1/sessions", { offerId: expert!.offerId, slotStart: slot.toISOString(), message: "Across processes" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const answered = Date.now();
    const notified = await until("the expert's notification on B", async () => expertHeard.find((h) => h.event === "notification:new"), 5_000);
    // Pushed, not polled: on B within moments of A's answer (often before it).
    expect(notified.at - answered).toBeLessThan(1_000);
    expect(expertHeard.map((h) => h.event)).toContain("booking:changed");
    await until("B's Available now page told to refetch", async () => pageHeard.find((h) => h.event === "availability:changed"), 5_000);
  });

  it("the sign-in throttle counts failures on both processes into one limit", async () => {
    const [person] = await createPeople(db, "throttle", 1);
    for (let i = 0; i < SIGNIN_MAX; i++) expect(await signInError(servers[i % 2]!, person!.email, "not the password")).toBe("E-mail or password is incorrect.");
    // Counted per process, each would have seen SIGNIN_MAX / 2 failures and let the right password in.
    for (const server of servers) expect(await signInError(server, person!.email, FIXTURE_PASSWORD)).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes?\.$/);
  });

  it("one process keeps the warm pool, a launch on the other claims from it; when the keeper dies, the other adopts the pool", async () => {
    const first = await until("a lease holder", leaseHolder, 10_000);
    const filled = await until("the warm pool filled", async () => ((await warmLabs()).length >= WARM ? warmLabs() : undefined), 90_000);
    // Two pools would reach 2 × WARM: give the other process time to have made its own.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await warmLabs()).toEqual(filled);
    expect(filled).toHaveLength(WARM);

    // A launch through the process that does not make warm labs is handed one (its lab id is a warm lab's; a cold launch makes a new id).
    const other = servers.find((s) => s !== first)!;
    const [owner] = await createPeople(db, "warm", 1);
    const call = apiClient(other.base, await sessionCookie(owner!.id, TEST_SECRET));
    const launched = await call<{ id: string; status: string }>("POST", "/api/v1/labs", { template: "shell" });
    expect(launched.status, JSON.stringify(launched.body)).toBe(202);
    expect(filled).toContain(launched.body.id);
    await until("the warm lab ready", async () => ((await call<{ status: string }>("GET", `/api/v1/labs/${launched.body.id}`)).body.status === "READY" ? true : undefined), 10_000);
    // The keeper heard of the claim and refilled to the size.
    const pool = await until(
      "the pool refilled",
      async () => {
        const now = await warmLabs();
        return now.length === WARM && !now.includes(launched.body.id) ? now : undefined;
      },
      60_000,
    );
    expect((await call("POST", `/api/v1/labs/${launched.body.id}/stop`)).status).toBeLessThan(300);

    process.kill(first.pid, "SIGKILL");
    const killedAt = Date.now();
    const next = await until(
      "the other process holding the lease",
      async () => {
        const holder = await leaseHolder();
        return holder && holder !== first ? holder : undefined;
      },
      15_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(2_000 + 2_000);
    expect(next.pid).not.toBe(first.pid);
    // The dead holder's warm labs are published in Redis: the new holder adopts them instead of making a second pool.
    // Its start-up reconciliation and pool start run within moments of the takeover; a second pool or removed labs would show by then.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await redis.llen(`${PREFIX}warm:${ENGINE_ID}:shell`)).toBe(WARM);
    expect(await warmLabs()).toEqual(pool);
  }, 240_000);
});

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { getEngine, registerEngine } from "@/lib/docker/engines";
import { ensureCa } from "@/lib/hosts/pki/ca";
import { tlsOptionsFor } from "@/lib/hosts/pki/tls-options";
import { makeJoinToken } from "@/lib/hosts/join-token";
import { BASE_IMAGE, ensureBaseImage } from "@/lib/labs/images";
import { apiClient, startAppServer, TEST_SECRET, type AppServer } from "@/lib/testing/app-server";
import { createPeople } from "@/lib/testing/booking-fixtures";
import { sessionCookie } from "@/lib/testing/session-cookie";

/**
 * scripts/lab-host.sh for real: it joins a running Mingle with a token from the API, starts a
 * dockerd that listens with TLS on 127.0.0.3 (another port than the test bed's), and Mingle's
 * client identity then runs a container there. Everything it needs is installed, so it runs no apt.
 */
const PORT = 5300 + (process.pid % 200);
const ENGINE_PORT = 2378;
const ENGINE_URL = `tcp://127.0.0.3:${ENGINE_PORT}`;
const work = mkdtempSync(path.resolve(".data/lab-host-test-"));
const pkiDir = path.join(work, "pki");
const hostDir = path.join(work, "host");
let server: AppServer;
let db: Db;
let organizer: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

function labHost(args: string[], dir = hostDir): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("bash", ["scripts/lab-host.sh", ...args, "--dir", dir], { timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

async function newToken(hostName?: string): Promise<string> {
  const r = await organizer("POST", "/api/v1/organizer/hosts/join-tokens", hostName ? { hostName } : {});
  expect(r.status).toBe(201);
  return r.body.token as string;
}

beforeAll(async () => {
  db = createPrismaClient(process.env.DATABASE_URL!);
  const [person] = await createPeople(db, `labhost-${process.pid}`, 1);
  await db.user.update({ where: { id: person!.id }, data: { role: "ORGANIZER" } });
  server = await startAppServer({ port: PORT, databaseUrl: process.env.DATABASE_URL!, distDir: ".next-test-server", env: { HOSTS_PKI_DIR: pkiDir } });
  organizer = apiClient(server.base, await sessionCookie(person!.id, TEST_SECRET)) as typeof organizer;
}, 180_000);

afterAll(async () => {
  await labHost(["stop"]);
  await server?.stop();
  await db?.$disconnect();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe("scripts/lab-host.sh", () => {
  it("joins with a token, keeps its key, and serves Mingle's client identity over TLS", async () => {
    const token = await newToken("script-host");
    const joined = await labHost(["join", server.base, token, "--name", "script-host", "--address", "127.0.0.3", "--port", String(ENGINE_PORT)]);
    expect(joined.out).toMatch(/joined as script-host: Mingle reaches this host at tcp:\/\/127\.0\.0\.3:2378/);
    expect(joined.code).toBe(0);
    expect(statSync(path.join(hostDir, "key.pem")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(hostDir, "ca.pem"), "utf8")).toBe((await ensureCa(pkiDir)).certPem);

    registerEngine("script-host", await tlsOptionsFor(ENGINE_URL, pkiDir));
    const engine = getEngine("script-host");
    expect(await engine.ping()).toBe(true);
    await ensureBaseImage(engine);
    const id = await engine.createContainer({ name: `script-host-${process.pid}`, Image: BASE_IMAGE, Cmd: ["echo", "joined"], HostConfig: { NetworkMode: "none" } });
    await engine.startContainer(id);
    expect(await engine.waitContainer(id)).toBe(0);
    expect((await engine.logs(id)).trim()).toBe("joined");
    await engine.removeContainer(id);

    // Mingle recorded the host at the join; its health task finds the engine answering and brings it up.
    const deadline = Date.now() + 30_000;
    let host: { state?: string; runtimes?: string[]; certNotAfter?: string | null } | undefined;
    while (Date.now() < deadline) {
      const list = await organizer("GET", "/api/v1/organizer/hosts");
      host = (list.body.hosts as { name: string; state: string; runtimes: string[]; certNotAfter: string | null }[]).find((h) => h.name === "script-host");
      if (host?.state === "ACTIVE") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(host).toMatchObject({ state: "ACTIVE", runtimes: expect.arrayContaining(["runc"]) });
    expect(new Date(host!.certNotAfter!).getTime()).toBeGreaterThan(Date.now());
  });

  it("is idempotent: a second join needs no new token and leaves the engine up", async () => {
    const again = await labHost(["join", server.base, "MGLTKN-1-spent", "--name", "script-host", "--address", "127.0.0.3", "--port", String(ENGINE_PORT)]);
    expect(again.out).toMatch(/already joined/);
    expect(again.code).toBe(0);
    expect(await getEngine("script-host").ping()).toBe(true);
  });

  it("renews only when due, or when forced; the engine then presents the new certificate", async () => {
    const early = await labHost(["renew"]);
    expect([early.code, early.out]).toEqual([0, expect.stringMatching(/not due/)]);
    const before = readFileSync(path.join(hostDir, "cert.pem"), "utf8");
    const forced = await labHost(["renew", "--force"]);
    expect(forced.out).toMatch(/renewed: the certificate is valid until/);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(hostDir, "cert.pem"), "utf8")).not.toBe(before);
    registerEngine("script-host", await tlsOptionsFor(ENGINE_URL, pkiDir));
    expect(await getEngine("script-host").ping()).toBe(true);
  });

  it("refuses a used token with Mingle's sentence, and a token naming another CA before sending anything", async () => {
    const used = await newToken();
    const other = path.join(work, "other");
    const first = await labHost(["join", server.base, used, "--name", "script-2", "--address", "127.0.0.3", "--port", "2379"], other);
    expect(first.code).toBe(0);
    await labHost(["stop"], other);
    const second = await labHost(["join", server.base, used, "--name", "script-3", "--address", "127.0.0.3", "--port", "2379"], path.join(work, "third"));
    expect(second.code).not.toBe(0);
    expect(second.out).toMatch(/Mingle refused \(409\): This join token was used already/);

    const foreign = makeJoinToken((await ensureCa(path.join(work, "foreign-pki"))).digest);
    const pinned = await labHost(["join", server.base, foreign, "--name", "script-4", "--address", "127.0.0.3", "--port", "2379"], path.join(work, "fourth"));
    expect(pinned.code).not.toBe(0);
    expect(pinned.out).toMatch(/is not the one the token names .*: not joining/);
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownRedisPrefix, signIn, socketError as socketErrorAt, startAppServer, type AppServer } from "@/lib/testing/app-server";

// The custom server as a user runs it: config checked at start, sockets authenticated with the
// session cookie and an Origin check, and a clean exit on SIGTERM.
const PORT = 3400 + (process.pid % 400);

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "development", NEXT_DIST_DIR: ".next-test-server", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out };
}

describe("server start-up configuration", () => {
  it("refuses to start on a bad setting, naming the variable", async () => {
    const { child, output } = startServer({ PORT: "eighty", DATABASE_URL: "mysql://nope" });
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(output()).toMatch(/PORT: .*got "eighty"/);
    expect(output()).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
  }, 30_000);
});

describe("running server", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({
      port: PORT,
      databaseUrl: process.env.DATABASE_URL!,
      distDir: ".next-test-server",
      env: { LOG_LEVEL: "info", SIGNUP_MAX_PER_IP: "3", REDIS_PREFIX: ownRedisPrefix("server-int") },
    });
  }, 120_000);
  afterAll(() => server.stop());

  const socketError = (opts: { origin?: string; cookie?: string }) => socketErrorAt(server.base, opts);

  it("refuses sockets without a session, or from another origin, and accepts a signed-in one", async () => {
    expect(await socketError({ origin: server.base })).toMatch(/UNAUTHENTICATED/);
    expect(await socketError({ origin: "http://evil.example" })).not.toBeNull();

    const email = `socket-${Date.now()}@example.com`;
    const password = "a long enough password";
    const created = await fetch(`${server.base}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Socket User", email, password }),
    });
    expect(created.status).toBe(201);
    const cookie = await signIn(server.base, email, password);
    expect(await socketError({ origin: server.base, cookie })).toBeNull();
    expect(await socketError({ origin: "http://evil.example", cookie })).not.toBeNull();
  }, 90_000);

  it("limits sign-ups per client address; a made-up X-Forwarded-For does not get round it", async () => {
    // One sign-up above already counted against this test's address (127.0.0.1).
    const signUp = (i: number) =>
      fetch(`${server.base}/api/v1/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` },
        body: JSON.stringify({ name: `Sign-up ${i}`, email: `signup-${i}-${Date.now()}@example.com`, password: "a long enough password" }),
      });
    expect((await signUp(1)).status).toBe(201);
    expect((await signUp(2)).status).toBe(201);
    const refused = await signUp(3);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { code: "TOO_MANY_ATTEMPTS", message: expect.stringMatching(/^Too many new accounts from this network\. Try again in \d+ minutes?\.$/) },
    });
  }, 30_000);

  it("stops on SIGTERM with exit code 0 within 10 s", async () => {
    const started = Date.now();
    const code = await server.stop();
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.output()).toMatch(/server\.stopped/);
  }, 15_000);
});

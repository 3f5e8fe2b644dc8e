import { chromium, type Browser } from "@playwright/test";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppServer, TEST_SECRET, type AppServer } from "@/lib/testing/app-server";
import { sessionCookie } from "@/lib/testing/session-cookie";
import { startTcpProxy, type TcpProxy } from "@/lib/testing/tcp-proxy";

// Item 9 of issue 9: the real server reaches PostgreSQL through a proxy this test cuts, so "the
// database is down" for this server only. Outages answer 503 + Retry-After with a sentence, the
// page says what is unavailable in Mingle's layout, and all of it recovers without a restart.
const PORT = 4900 + (process.pid % 300);
const DOWN = "The database is unavailable — try again in a minute.";

let proxy: TcpProxy;
/** Between the browser and the server, to drop a page's socket like a flaky venue network does. */
let appProxy: TcpProxy;
let server: AppServer;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  const direct = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  appProxy = await startTcpProxy({ host: "127.0.0.1", port: PORT });
  server = await startAppServer({
    port: PORT,
    databaseUrl: viaProxy.toString(),
    distDir: ".next-test-server",
    // The page opened through appProxy sends its address as Origin; sockets must accept it.
    env: { PUBLIC_URL: `http://127.0.0.1:${appProxy.port}` },
  });
  const user = await db.user.create({ data: { email: `outage-${Date.now()}@example.com`, name: "Outage Tester" }, select: { id: true } });
  cookie = await sessionCookie(user.id, TEST_SECRET);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await proxy?.close();
  await appProxy?.close();
  await db.$disconnect();
});

const me = () => fetch(`${server.base}/api/v1/me`, { headers: { cookie } });

/** The page's main text once `ready` shows (a live page keeps its socket open, so never "idle"). */
async function pageText(path: string, ready: string): Promise<string> {
  const context = await browser.newContext();
  await context.addCookies([{ name: cookie.split("=")[0]!, value: cookie.slice(cookie.indexOf("=") + 1), url: server.base }]);
  const page = await context.newPage();
  try {
    await page.goto(`${server.base}${path}`);
    await page.locator("main").getByText(ready).first().waitFor({ timeout: 60_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator.innerText, the text a person sees
    return await page.locator("main").innerText();
  } finally {
    await context.close();
  }
}

async function socketRefusal(): Promise<{ message: string; data?: { code?: string; retryAfterMs?: number } } | null> {
  const socket = connect(server.base, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: server.base, cookie } });
  try {
    return await new Promise((resolve) => {
      socket.on("connect", () => resolve(null));
      socket.on("connect_error", (e) => resolve({ message: e.message, data: (e as { data?: { code?: string } }).data }));
    });
  } finally {
    socket.close();
  }
}

describe("while PostgreSQL does not answer", () => {
  it("works before the outage", async () => {
    expect((await me()).status).toBe(200);
    expect(await pageText("/sessions", "My sessions")).not.toContain(DOWN);
  }, 120_000);

  it("answers API calls with 503, Retry-After and a sentence, and the health report names the cause", async () => {
    await proxy.cut();
    const response = await me();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: DOWN } });
    // A public operation, where the outage comes from the use case rather than the session check.
    const conference = await fetch(`${server.base}/api/v1/conference`);
    expect(conference.status).toBe(503);
    expect(conference.headers.get("retry-after")).toBeTruthy();
    expect((await conference.json()).error.message).toBe(DOWN);

    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { database: { ok: boolean; error: string } };
    expect(body.database.ok).toBe(false);
    expect(body.database.error).toMatch(/^Database unreachable: .*\S/);
    expect(body.database.error).toMatch(/Can't reach database server|ECONNREFUSED/);
  }, 60_000);

  it("shows Mingle's error page in its layout, saying the database is unavailable", async () => {
    const text = await pageText("/sessions", DOWN);
    expect(text).toContain(DOWN);
    expect(text).toContain("Try again");
  }, 120_000);

  it("tells a socket that connects now to come back later, not to sign in", async () => {
    const refusal = await socketRefusal();
    expect(refusal?.message).toBe(`UNAVAILABLE: ${DOWN}`);
    expect(refusal?.data).toMatchObject({ code: "UNAVAILABLE", retryAfterMs: expect.any(Number) });
  });

  it("recovers without a restart once it is back: API, page and socket, same server process", async () => {
    const pid = server.pid;
    await proxy.restore();
    const until = Date.now() + 30_000;
    let status = (await me()).status;
    while (Date.now() < until && status !== 200) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await me()).status;
    }
    expect(status).toBe(200);
    expect(await socketRefusal()).toBeNull();
    expect(await pageText("/sessions", "My sessions")).not.toContain(DOWN);
    expect(server.pid).toBe(pid);
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(server.output()).not.toMatch(/uncaughtException|unhandledRejection/i);
  }, 120_000);

  it("a page whose socket reconnects during the outage is refused, retries by itself, and connects once it is back", async () => {
    const context = await browser.newContext();
    const viaAppProxy = `http://127.0.0.1:${appProxy.port}`;
    await context.addCookies([{ name: cookie.split("=")[0]!, value: cookie.slice(cookie.indexOf("=") + 1), url: viaAppProxy }]);
    const page = await context.newPage();
    // socket.io packets as the page receives them: "40…" connected, "44…" refused.
    const frames: string[] = [];
    page.on("websocket", (ws) => ws.on("framereceived", (f) => void (typeof f.payload === "string" && frames.push(f.payload))));
    const waitFor = async (what: (f: string) => boolean, from: number, ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until && !frames.slice(from).some(what)) await new Promise((r) => setTimeout(r, 100));
      return frames.slice(from).some(what);
    };
    try {
      await page.goto(`${viaAppProxy}/sessions`);
      expect(await waitFor((f) => f.startsWith("40"), 0, 30_000)).toBe(true);

      await proxy.cut();
      const before = frames.length;
      await appProxy.cut();
      await appProxy.restore();
      expect(await waitFor((f) => f.startsWith("44") && f.includes("UNAVAILABLE"), before, 30_000)).toBe(true);

      const refused = frames.length;
      await proxy.restore();
      expect(await waitFor((f) => f.startsWith("40"), refused, 30_000)).toBe(true);
    } finally {
      await context.close();
      await proxy.restore().catch(() => undefined);
    }
  }, 120_000);
});

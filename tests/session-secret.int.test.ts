import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEV_SECRET } from "@/lib/env";
import { socketError as socketErrorAt, startAppServer, TEST_SECRET, type AppServer } from "@/lib/testing/app-server";
import { sessionCookie } from "@/lib/testing/session-cookie";

// Item 1 of issue 9: the development secret is published in the repository, so a production
// server must neither start with it nor accept what it signs.
const PORT = 4300 + (process.pid % 300);

async function startProduction(secret: string | undefined): Promise<{ code: number; output: string }> {
  const { NEXTAUTH_SECRET: _inherited, ...rest } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...rest, NODE_ENV: "production", PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", ...(secret === undefined ? {} : { NEXTAUTH_SECRET: secret }) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const [code] = await once(child, "exit");
  return { code, output };
}

describe("a production start", () => {
  it.each([
    ["no secret", undefined, /NEXTAUTH_SECRET: is the development default published in the repository.*\(not set\)/],
    ["the development default", DEV_SECRET, /NEXTAUTH_SECRET: is the development default published in the repository/],
    ["a secret under 32 bytes", "only-twenty-one-bytes", /NEXTAUTH_SECRET: is shorter than 32 bytes/],
  ])(
    "refuses %s and says what to do",
    async (_what, secret, message) => {
      const { code, output } = await startProduction(secret);
      expect(code).toBe(1);
      expect(output).toMatch(message);
      expect(output).toMatch(/openssl rand -base64 32.*scripts\/start\.sh/);
      expect(output).not.toContain("only-twenty-one-bytes");
    },
    30_000,
  );
});

describe("a running server with its own secret", () => {
  let server: AppServer;
  let organizerId: string;
  beforeAll(async () => {
    server = await startAppServer({ port: PORT, databaseUrl: process.env.DATABASE_URL!, distDir: ".next-test-server" });
    const organizer = await db.user.create({ data: { email: `forged-${Date.now()}@example.com`, name: "Org", role: "ORGANIZER" }, select: { id: true } });
    organizerId = organizer.id;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db.$disconnect();
  });

  const me = async (cookie: string) => (await fetch(`${server.base}/api/v1/me`, { headers: { cookie } })).status;

  const socketError = (cookie: string) => socketErrorAt(server.base, { origin: server.base, cookie });

  it("refuses an organizer's cookie minted with the published default, over HTTP and the socket", async () => {
    const forged = await sessionCookie(organizerId, DEV_SECRET);
    expect(await me(forged)).toBe(401);
    expect(await socketError(forged)).toMatch(/UNAUTHENTICATED/);
  });

  it("accepts the same user's cookie signed with the server's secret", async () => {
    const genuine = await sessionCookie(organizerId, TEST_SECRET);
    expect(await me(genuine)).toBe(200);
    expect(await socketError(genuine)).toBeNull();
  });
});

import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";

// The edges every response shares: security headers everywhere, a per-request script nonce on
// pages, JSON-only bodies and a body limit enforced while the body streams in.
const PORT = 4600 + (process.pid % 300);

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer({ port: PORT, databaseUrl: process.env.DATABASE_URL!, distDir: ".next-test-server" });
}, 120_000);
afterAll(() => server?.stop());

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
  // PUBLIC_URL is http here: no HSTS, which would lock the browser out of plain http.
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

describe("security headers", () => {
  it("a page has them all, with a CSP whose nonce is on every script and new for every request", async () => {
    const first = await fetch(`${server.base}/signin`);
    expect(first.status).toBe(200);
    expectSecurityHeaders(first);
    const csp = first.headers.get("content-security-policy")!;
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "connect-src 'self' ws://"]) expect(csp).toContain(directive);
    const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = (await fetch(`${server.base}/signin`)).headers.get("content-security-policy")!;
    expect(second).not.toContain(nonce!);

    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const stat = await fetch(`${server.base}${asset}`);
    expect(stat.status).toBe(200);
    expectSecurityHeaders(stat);
  });

  it("an API response, an API error, a 404 page and socket.io's own answer have them too", async () => {
    const health = await fetch(`${server.base}/api/health`);
    expectSecurityHeaders(health);
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const unauthenticated = await fetch(`${server.base}/api/v1/me`);
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated);
    const missing = await fetch(`${server.base}/no-such-page`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    expect(await missing.text()).toContain("This page does not exist");
    // No Origin: socket.io refuses the polling handshake itself, without Next.
    const polling = await fetch(`${server.base}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(polling);
  });
});

describe("request bodies", () => {
  const signUp = (body: BodyInit, headers: Record<string, string>) => fetch(`${server.base}/api/v1/auth/signup`, { method: "POST", headers, body });
  const valid = () => JSON.stringify({ name: "Body Test", email: `body-${Date.now()}@example.com`, password: "a long enough password" });

  it("accepts JSON only: text/plain, a form or no type answers 415 with a sentence", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const refused = await signUp(valid(), { "content-type": type });
      expect(refused.status).toBe(415);
      expect(await refused.json()).toEqual({
        error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the request body as JSON, with the header Content-Type: application/json." },
      });
    }
    expect((await signUp(new Blob([valid()]), {})).status).toBe(415);
    expect((await signUp(valid(), { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
  });

  it("refuses a body over 256 KiB with 413, by its Content-Length or while it streams, without waiting for the rest", async () => {
    const declared = await signUp("x".repeat(300 * 1024), { "content-type": "application/json" });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.message).toBe("The request body is larger than 256 KiB.");

    // Chunked, so no Content-Length: 300 KiB are sent and the request is left open. A server that
    // read the body whole would wait for the end that never comes.
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.base}/api/v1/auth/signup`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      });
      req.on("error", reject);
      req.write(`{"name":"${"x".repeat(300 * 1024)}`);
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

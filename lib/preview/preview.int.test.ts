import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type createPreviewServer as CreateServer, createPreviewServer } from "@/lib/preview/preview-server";
import { newNonce, previewKey, signPreviewToken, type PreviewGrant } from "@/lib/preview/token";
import { liveLabs } from "@/lib/testing/live-labs";
import { previewTemplate } from "@/lib/testing/preview-template";
import { openWebSocket, previewRequest } from "@/lib/testing/websocket-client";
import type { LabRecord } from "@/lib/labs/repo";

// The preview server on the real engine (in-memory LabRepo): every request goes through
// `nc 127.0.0.1 PORT` exec'd in the lab, which has no network of its own.
const { engine, templates, service, launch, run } = liveLabs();
const key = previewKey("preview-integration-test-secret");
const labTemplates = new Map(templates);
labTemplates.set("preview-test", previewTemplate());

let server: ReturnType<typeof CreateServer>;
let port = 0;
let lab: LabRecord;
let svc: ReturnType<typeof service>["svc"];
const host = () => `localhost:${port}`;

function token(over: Partial<PreviewGrant> = {}): string {
  return signPreviewToken(key, { labId: lab.id, port: 8080, userId: "u1", readOnly: false, expiresAt: Date.now() + 60_000, nonce: newNonce(), ...over });
}

/** A request to the preview listener as a browser would send it to `hostName` (fetch may not set Host). */
function get(path: string, hostName: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return previewRequest(port, hostName, path, init);
}

/** Exchanges a token and returns the session's host name. */
async function enter(over: Partial<PreviewGrant> = {}): Promise<string> {
  const r = await get(`/enter?token=${token(over)}`, host());
  expect(r.status).toBe(303);
  return new URL(r.headers.get("location")!).host;
}

beforeAll(async () => {
  const s = service({ templates: () => labTemplates });
  svc = s.svc;
  lab = await launch(svc, "preview-test");
  // The origin names the listener's port: find a free one first.
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  server = createPreviewServer({
    repo: s.store,
    engine: () => engine(),
    key,
    origin: `http://localhost:${port}`,
    publicUrl: "http://127.0.0.1:3000",
    limits: { maxBodyBytes: 4096, timeoutMs: 5_000, perLab: 4, total: 16, wsIdleMs: 30_000, sessionIdleMs: 60_000 },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
}, 120_000);

afterAll(() => server?.close());

describe("port preview through the Engine API", () => {
  it("serves the lab's page on a host of the session's own", async () => {
    const session = await enter();
    expect(session).toMatch(new RegExp(`^[a-z2-7]{26}\\.localhost:${port}$`));
    const page = await get("/", session);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Hello through the preview");
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'self' http://127.0.0.1:3000");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const big = await get("/big.txt", session);
    expect((await big.text()).length).toBe(65536);
    expect((await get("/missing", session)).status).toBe(404);
  });

  it("echoes over a WebSocket tunnelled into the lab", async () => {
    const session = await enter({ port: 8081 });
    const ws = await openWebSocket(port, { host: session });
    try {
      ws.send("hello lab");
      expect(await ws.next()).toBe("hello lab");
      ws.send("twice");
      expect(await ws.next()).toBe("twice");
    } finally {
      ws.close();
    }
  });

  it("lets the lab's server see no Mingle cookie and no credentials (checked inside the lab)", async () => {
    const session = await enter({ port: 8082 });
    const r = await get("/probe", session, {
      headers: {
        cookie: "next-auth.session-token=SECRET-SESSION; __Secure-next-auth.session-token=SECRET2; lab-theme=dark",
        authorization: "Bearer SECRET3",
        "x-forwarded-for": "6.6.6.6",
      },
    });
    expect(await r.text()).toBe("logged");
    const log = (await run(svc, lab.id, "cat /lab/requests.log")).stdout;
    expect(log).toContain("GET /probe HTTP/1.1");
    expect(log).toContain("Cookie: lab-theme=dark");
    expect(log).toContain("Host: 127.0.0.1:8082");
    expect(log).not.toMatch(/SECRET|next-auth|authorization|6\.6\.6\.6/i);
  });

  it("refuses forged, expired, reused and foreign tokens", async () => {
    const forged = signPreviewToken(previewKey("someone else's secret"), { labId: lab.id, port: 8080, userId: "u1", readOnly: false, expiresAt: Date.now() + 60_000, nonce: "x" });
    expect((await get(`/enter?token=${forged}`, host())).status).toBe(403);
    const expired = await get(`/enter?token=${token({ expiresAt: Date.now() - 1 })}`, host());
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
    const once = token();
    expect((await get(`/enter?token=${once}`, host())).status).toBe(303);
    expect((await get(`/enter?token=${once}`, host())).status).toBe(403);
    expect((await get("/enter?token=", host())).status).toBe(403);
    expect((await get(`/enter?token=${token({ labId: "l00000000000000000000" })}`, host())).status).toBe(404);
  });

  it("refuses a host that names no session", async () => {
    const r = await get("/", `abcdefghijklmnopqrstuvwxyz.localhost:${port}`);
    expect(r.status).toBe(403);
    expect(r.headers.get("x-mingle-error")).toBe("PREVIEW_EXPIRED");
    expect((await get("/", "evil.example")).status).toBe(403);
    await expect(openWebSocket(port, { host: `abcdefghijklmnopqrstuvwxyz.localhost:${port}` })).rejects.toThrow(/403/);
  });

  it("lets a read-only viewer GET, but not POST or open a WebSocket", async () => {
    const session = await enter({ readOnly: true });
    expect((await get("/", session)).status).toBe(200);
    const post = await get("/", session, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    await expect(openWebSocket(port, { host: await enter({ port: 8081, readOnly: true }) })).rejects.toThrow(/405/);
  });

  it("bounds bodies and says when nothing listens", async () => {
    const session = await enter();
    const large = await get("/", session, { method: "POST", body: "x".repeat(5000) });
    expect(large.status).toBe(413);
    const nothing = await get("/", await enter({ port: 9999 }));
    expect(nothing.status).toBe(502);
    expect(await nothing.text()).toMatch(/Nothing answers on port 9999/);
  });

  it("bounds concurrency per lab with a 503", async () => {
    const session = await enter({ port: 8081 });
    const sockets = await Promise.all([1, 2, 3, 4].map(() => openWebSocket(port, { host: session })));
    try {
      const busy = await get("/", await enter());
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("1");
    } finally {
      for (const s of sockets) s.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await get("/", await enter())).status).toBe(200);
  });

  it("stops serving once the lab stops", async () => {
    const session = await enter();
    await svc.stop(lab.id);
    const r = await get("/", session);
    expect(r.status).toBe(409);
  });
});

import { io as connect, type Socket } from "socket.io-client";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, labContainers, signInContext, signUpViaApi, test, typeLine, uniqueUser } from "./fixtures";
import type { BrowserContext, Page } from "@playwright/test";

// The shared lab terminal end to end: real Chromium, the production server, the real Docker Engine.
test.setTimeout(120_000);

function terminalText(page: Page) {
  return page.getByTestId("terminal-text");
}

/** A paste as the browser delivers it (xterm reads the clipboard event's text). */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator(".xterm-helper-textarea").evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

test("a participant types in a shared shell, an organizer watches read-only, a big paste works, Stop removes the containers", async ({ signedInPage: page, browser, baseURL }) => {
  await page.goto("/labs");
  await page.getByTestId("launch-shell").click();
  await page.waitForURL(/\/labs\/[A-Za-z0-9_-]+$/, { timeout: 30_000 });
  const labId = new URL(page.url()).pathname.split("/").pop()!;
  const terminal = page.getByTestId("lab-terminal");
  await expect(terminal).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
  await expect(terminal).toHaveAttribute("data-can-type", "true");
  await expect(page.getByTestId("terminal-read-only")).toHaveCount(0);

  await typeLine(page, "echo mingle-$((6*7))");
  await expect(terminalText(page)).toContainText("mingle-42");

  // The organizer sees the same output (scroll-back replay) but cannot type.
  const orgContext = await browser.newContext({ baseURL });
  try {
    await signInContext(orgContext, ORGANIZER_EMAIL, DEMO_PASSWORD);
    const org = await orgContext.newPage();
    await org.goto(`/labs/${labId}`);
    const orgTerminal = org.getByTestId("lab-terminal");
    await expect(orgTerminal).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
    await expect(org.getByTestId("terminal-read-only")).toHaveText("Watching read-only");
    await expect(terminalText(org)).toContainText("mingle-42");

    await typeLine(org, "echo organizer-typed-$((1+1))");
    await typeLine(page, "echo participant-$((2+3))");
    await expect(terminalText(org)).toContainText("participant-5");
    await expect(terminalText(page)).toContainText("participant-5");
    await expect(terminalText(page)).not.toContainText("organizer-typed");
    await expect(terminalText(org)).not.toContainText("organizer-typed");

    // 100 lines of 80 characters (8,000 bytes) pasted into `wc -c`.
    await typeLine(page, "wc -c");
    await paste(page, `${"x".repeat(79)}\n`.repeat(100));
    await page.keyboard.press("Control+D");
    await expect(terminalText(page)).toContainText(/^8000$/m, { timeout: 20_000 });
    await expect(terminalText(org)).toContainText(/^8000$/m);
  } finally {
    await orgContext.close();
  }

  expect(await labContainers(labId)).not.toHaveLength(0);
  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(terminal.or(page.getByTestId("lab-ended")).first()).toBeVisible();
  await expect.poll(async () => (await labContainers(labId)).length, { timeout: 30_000 }).toBe(0);
});

test("on the socket, a non-participant is refused attach and input; an organizer may attach but not type", async ({ browser, baseURL, request }) => {
  const owner = uniqueUser("lab-owner");
  const stranger = uniqueUser("lab-stranger");
  await signUpViaApi(request, owner);
  await signUpViaApi(request, stranger);
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];
  const signedIn = async (email: string, password: string) => {
    const ctx = await browser.newContext({ baseURL });
    contexts.push(ctx);
    await signInContext(ctx, email, password);
    return ctx;
  };
  const socketFor = async (ctx: BrowserContext) => {
    const socket = connect(baseURL!, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: await cookieHeader(ctx), origin: baseURL! } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on("connect", () => resolve());
      socket.on("connect_error", reject);
    });
    return socket;
  };
  type Ack = { ok: boolean; canType?: boolean; error?: { code: string; message: string } };
  const call = (socket: Socket, event: string, payload: unknown) => socket.timeout(15_000).emitWithAck(event, payload) as Promise<Ack>;

  const ownerCtx = await signedIn(owner.email, owner.password);
  const launched = await ownerCtx.request.post("/api/v1/labs", { data: { template: "shell" } });
  expect(launched.status(), await launched.text()).toBe(202);
  const labId = ((await launched.json()) as { id: string }).id;
  try {
    await expect.poll(async () => ((await (await ownerCtx.request.get(`/api/v1/labs/${labId}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe("READY");

    const strangerSocket = await socketFor(await signedIn(stranger.email, stranger.password));
    const attach = await call(strangerSocket, "lab:attach", { labId, cols: 80, rows: 24 });
    expect(attach).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const input = await call(strangerSocket, "lab:input", { labId, data: "touch /tmp/pwned\r" });
    expect(input).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await call(strangerSocket, "lab:attach", { labId, cols: 80, rows: 24, extra: 1 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await call(strangerSocket, "lab:input", { labId, data: "x".repeat(5000) })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });

    const orgSocket = await socketFor(await signedIn(ORGANIZER_EMAIL, DEMO_PASSWORD));
    expect(await call(orgSocket, "lab:attach", { labId, cols: 80, rows: 24 })).toMatchObject({ ok: true, canType: false });
    expect(await call(orgSocket, "lab:input", { labId, data: "touch /tmp/pwned\r" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const ownerSocket = await socketFor(ownerCtx);
    const output: Buffer[] = [];
    ownerSocket.on("lab:output", (p: { data: ArrayBuffer | Buffer }) => output.push(Buffer.from(p.data as ArrayBuffer)));
    expect(await call(ownerSocket, "lab:attach", { labId, cols: 80, rows: 24 })).toMatchObject({ ok: true, canType: true });
    expect(await call(ownerSocket, "lab:input", { labId, data: "ls /tmp/pwned 2>&1 | tail -c 30; echo checked-$((40+2))\r" })).toMatchObject({ ok: true });
    await expect.poll(() => Buffer.concat(output).toString(), { timeout: 15_000 }).toMatch(/No such file or directory\s+checked-42/);
  } finally {
    for (const s of sockets) s.close();
    await ownerCtx.request.post(`/api/v1/labs/${labId}/stop`);
    for (const c of contexts) await c.close();
  }
  await expect.poll(async () => (await labContainers(labId)).length, { timeout: 30_000 }).toBe(0);
});

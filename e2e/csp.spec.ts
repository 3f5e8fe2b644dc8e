import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, signInContext, test, typeLine } from "./fixtures";

// The pages under their Content-Security-Policy in real Chromium: nothing is refused, Next
// hydrates (buttons act), the socket connects and the xterm terminal renders.
test.setTimeout(180_000);

/** Every CSP violation the page reports, from the console and from the DOM's own event. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`${page.url()}: page error ${error.message}`));
  void page.exposeFunction("reportCspViolation", (text: string) => violations.push(`${page.url()}: ${text}`));
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return violations;
}

/** Resolves once the page's socket.io WebSocket has been accepted (the "40" connect packet). */
function socketConnected(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/socket.io/")) return;
      ws.on("framereceived", (frame) => {
        if (typeof frame.payload === "string" && frame.payload.startsWith("40")) resolve();
      });
    });
  });
}

test("signed out: the sign-in page hydrates and reports a wrong password, with no CSP violation", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill("nobody@e2e.mingle.test");
  await page.getByLabel("Password").fill("not a password anyone has");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("E-mail or password is incorrect.");
  await page.goto("/signup");
  await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByText("This page does not exist")).toBeVisible();
  expect(violations).toEqual([]);
});

test("signed in: the main pages load with the socket connected and no CSP violation", async ({ browser, baseURL }) => {
  for (const email of ["demo@mingle.test", ORGANIZER_EMAIL]) {
    const context = await browser.newContext({ baseURL });
    await signInContext(context, email, DEMO_PASSWORD);
    const page = await context.newPage();
    const violations = watchCsp(page);
    const connected = socketConnected(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
    await connected;
    const pages = [
      "/offers",
      "/offers/mine",
      "/sessions",
      "/now",
      "/labs",
      "/inbox",
      "/profile",
      "/availability",
      "/recap",
      "/templates",
      ...(email === ORGANIZER_EMAIL ? ["/organizer", "/organizer/analytics", "/organizer/hosts", "/organizer/templates"] : []),
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
      await expect(page.locator("main h1").first()).toBeVisible();
    }
    // Client navigation works, which needs hydrated links.
    await page.goto("/");
    await page.getByRole("link", { name: "Sessions" }).first().click();
    await expect(page).toHaveURL(/\/sessions$/);
    expect(violations, email).toEqual([]);
    await context.close();
  }
});

test("a lab page: xterm renders, the terminal connects and echoes, with no CSP violation", async ({ signedInPage: page }) => {
  const violations = watchCsp(page);
  await page.goto("/labs");
  await page.getByTestId("launch-shell").click();
  await page.waitForURL(/\/labs\/[A-Za-z0-9_-]+$/, { timeout: 30_000 });
  const labId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
  await expect(page.locator(".xterm-screen")).toBeVisible();
  await typeLine(page, "echo csp-$((40+2))");
  await expect(page.getByTestId("terminal-text")).toContainText("csp-42");
  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
  expect(violations).toEqual([]);
});

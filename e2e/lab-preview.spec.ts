import { expect, signInContext, signUpViaApi, test, uniqueUser } from "./fixtures";

// The two-services lab's web page through the port preview: in its tab and in a new tab, from an
// origin of its own that cannot read Mingle's session cookie or act on Mingle's API.

const SHOTS = process.env.E2E_SCREENSHOTS;

test("the preview tab shows the page the lab serves, from an origin that cannot reach Mingle", async ({ signedInPage: page, baseURL, context, browser, playwright }) => {
  await page.goto("/labs");
  await page.getByTestId("launch-two-services").click();
  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  const labId = page.url().split("/").pop()!;
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  expect((await context.cookies(baseURL)).some((c) => c.name.includes("next-auth.session-token"))).toBe(true);

  await page.getByTestId("preview-tab-8080").click();
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.getByRole("heading", { name: "Hello from the onboot step" })).toBeVisible();
  const preview = page.frames().find((f) => /^http:\/\/[a-z2-7]{26}\.localhost:\d+\/$/.test(f.url()))!;
  expect(preview, "the preview runs in a frame of its own origin").toBeTruthy();

  // The page the lab serves sees none of Mingle's cookies, and Mingle refuses what it asks.
  expect(await preview.evaluate(() => document.cookie)).not.toContain("next-auth");
  const tries = await preview.evaluate(async (mingle) => {
    const attempt = (url: string, init: RequestInit) =>
      fetch(url, { credentials: "include", ...init }).then(
        (r) => `answered ${r.status}`,
        (e: Error) => `failed: ${e.name}`,
      );
    return {
      read: await attempt(`${mingle}/api/v1/labs`, {}),
      stop: await attempt(`${mingle}/api/v1/labs/${location.hostname}/stop`, { method: "POST" }),
    };
  }, baseURL);
  expect(tries).toEqual({ read: "failed: TypeError", stop: "failed: TypeError" });
  const asPreview = await page.request.post(`/api/v1/labs/${labId}/stop`, { headers: { origin: new URL(preview.url()).origin } });
  expect(asPreview.status()).toBe(403);
  expect((await asPreview.json()).error.code).toBe("PREVIEW_ORIGIN_REFUSED");
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY");

  if (SHOTS) {
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.getByTestId("lab-preview").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/lab_preview-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId("lab-preview").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/lab_preview-375.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // Someone who does not take part gets no link.
  const stranger = uniqueUser("preview-stranger");
  const strangerApi = await playwright.request.newContext({ baseURL });
  await signUpViaApi(strangerApi, stranger);
  const strangerCtx = await browser.newContext({ baseURL });
  await signInContext(strangerCtx, stranger.email, stranger.password);
  const refused = await strangerCtx.request.post(`/api/v1/labs/${labId}/previews`, { data: { port: 8080 } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");
  await Promise.all([strangerCtx.close(), strangerApi.dispose()]);

  // "Open in a new tab": the same page, with no way back to Mingle's window.
  const [popup] = await Promise.all([context.waitForEvent("page"), page.getByTestId("preview-open-tab").click()]);
  await expect(popup.getByRole("heading", { name: "Hello from the onboot step" })).toBeVisible();
  expect(new URL(popup.url()).hostname).toMatch(/^[a-z2-7]{26}\.localhost$/);
  expect(await popup.evaluate(() => window.opener === null)).toBe(true);
  await popup.close();

  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
});

import { DEMO_PASSWORD, ORGANIZER_EMAIL, docker, expect, labContainers, signInContext, signUpViaApi, test, uniqueUser } from "./fixtures";

// Launch → ready → organizer sees it → a stranger is refused → Stop → the engine has nothing left.

test("launch a shell lab, organizers see it, strangers are refused, Stop removes its containers", async ({ signedInPage: page, browser, playwright, baseURL }) => {
  await page.goto("/labs");
  await expect(page.getByTestId("template-shell")).toContainText("Busybox shell");
  await page.getByTestId("launch-shell").click();

  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  const labId = page.url().split("/").pop()!;
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(page.getByTestId("lab-terminal")).toBeVisible();
  await expect(page.getByTestId("lab-time-left")).toContainText(/\d+:\d\d left/);
  expect(await labContainers(labId)).not.toHaveLength(0);

  // A second launch is refused with a 409 that links to the running lab.
  await page.goto("/labs");
  await expect(page.getByTestId("my-labs")).toContainText(labId);
  await page.getByTestId("launch-shell").click();
  await expect(page.getByTestId("launch-error")).toContainText(labId);
  await expect(page.getByTestId("launch-error").getByRole("link")).toHaveAttribute("href", `/labs/${labId}`);

  // An organizer sees it among all running labs and watches read-only.
  const organizer = await browser.newContext({ baseURL });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  const orgPage = await organizer.newPage();
  await orgPage.goto("/labs");
  const row = orgPage.getByTestId("organizer-labs").locator(`[data-lab-id="${labId}"]`);
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "Watch" }).click();
  await expect(orgPage.getByTestId("read-only-banner")).toBeVisible();
  await expect(orgPage.getByTestId("lab-terminal")).toHaveAttribute("data-can-type", "false");

  // Another attendee: 403 on GET and stop through the API, and a refusal on the page.
  const stranger = uniqueUser("stranger");
  const strangerApi = await playwright.request.newContext({ baseURL });
  await signUpViaApi(strangerApi, stranger);
  const strangerCtx = await browser.newContext({ baseURL });
  await signInContext(strangerCtx, stranger.email, stranger.password);
  expect((await strangerCtx.request.get(`/api/v1/labs/${labId}`)).status()).toBe(403);
  const stop = await strangerCtx.request.post(`/api/v1/labs/${labId}/stop`);
  expect(stop.status()).toBe(403);
  expect((await stop.json()).error.code).toBe("FORBIDDEN");
  const strangerPage = await strangerCtx.newPage();
  await strangerPage.goto(`/labs/${labId}`);
  await expect(strangerPage.getByTestId("lab-refused")).toBeVisible();

  // The owner stops it; the watching organizer sees it stop live; the engine has nothing left.
  await page.goto(`/labs/${labId}`);
  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
  await expect(orgPage.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
  expect(await labContainers(labId)).toEqual([]);

  await Promise.all([organizer.close(), strangerCtx.close(), strangerApi.dispose()]);
});

test("a lab whose container is killed from outside says so on its page within 2 s, and Relaunch opens a new lab", async ({ signedInPage: page }) => {
  await page.goto("/labs");
  await page.getByTestId("launch-shell").click();
  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  const labId = page.url().split("/").pop()!;
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(page.getByTestId("lab-terminal")).toBeVisible();

  const [shell] = await docker().listContainers({ filters: { label: [`mingle.lab=${labId}`, "mingle.interactive=true"] } });
  await docker().getContainer(shell!.Id).kill();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "FAILED", { timeout: 2_000 });
  await expect(page.getByTestId("lab-failure-reason")).toHaveText("The lab's shell stopped (exit 137).");
  await expect(page.getByTestId("lab-terminal")).toHaveCount(0);

  // The one lab slot is free again: Relaunch opens a new, working lab.
  await page.getByTestId("relaunch-shell").click();
  await page.waitForURL((url) => /\/labs\/l[0-9a-f]{20}$/.test(url.pathname) && !url.pathname.endsWith(labId));
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  const newId = page.url().split("/").pop()!;
  await page.getByTestId(`stop-lab-${newId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
});

import { testEngine } from "@/lib/testing/killable-engines";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, signInContext, test } from "./fixtures";

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: also take 375 px and 1440 px screenshots

// An organizer sees this server's engine as a host, adds a second Docker Engine by its URL (an
// extra dockerd this test starts), watches it come in with its version and runtimes, drains it and
// removes it; an attendee is refused the page's API.
test("an organizer adds a lab host, drains it and removes it on the Lab hosts page", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const engine = testEngine(`e2e-${process.pid}`, { runsc: false });
  await engine.start({ clean: true });
  try {
    await signInContext(page.context(), ORGANIZER_EMAIL, DEMO_PASSWORD);
    await page.goto("/organizer/hosts");
    await expect(page.getByRole("link", { name: "Lab hosts" })).toHaveAttribute("aria-current", "page");
    const local = page.locator('[data-testid="host-card"]').first();
    await expect(local.getByTestId("host-state")).toHaveText("active");
    await expect(local.getByTestId("host-runtimes")).toContainText("runc");

    const name = `e2e-host-${Date.now().toString(36)}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Engine API URL").fill(engine.url);
    await page.getByRole("button", { name: "Add host" }).click();
    const card = page.locator(`[data-testid="host-card"][data-host="${name}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId("host-version")).toHaveText(/^\d+\.\d+/);
    await expect(card.getByTestId("host-runtimes")).toHaveText("runc");
    await expect(card.getByTestId("host-state")).toHaveText("active");

    // The same URL again is refused with the reason; a URL nobody answers at, too.
    await page.getByLabel("Name", { exact: true }).fill(`${name}-again`);
    await page.getByLabel("Engine API URL").fill(engine.url);
    await page.getByRole("button", { name: "Add host" }).click();
    await expect(page.getByTestId("form-error").last()).toContainText("is already in the pool");

    // A join token for a new machine: shown once, with the command to run there.
    await page.getByLabel("Host name (optional)").fill("lab-host-new");
    await page.getByRole("button", { name: "Create a join token" }).click();
    await expect(page.getByTestId("join-command")).toContainText(/lab-host\.sh join http\S+ MGLTKN-1-[0-9a-f]{64}-[0-9a-z]+ --name lab-host-new/);

    if (SHOTS) await page.screenshot({ path: `${SHOTS}/organizer_hosts-1440.png`, fullPage: true });

    await card.getByRole("button", { name: "Drain", exact: true }).click();
    await expect(card.getByTestId("host-state")).toHaveText("draining");
    await card.getByRole("button", { name: "Remove" }).click();
    await expect(card).toHaveCount(0);

    const attendee = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    await signInContext(attendee, "demo@mingle.test", DEMO_PASSWORD);
    const refused = await attendee.request.get("/api/v1/organizer/hosts");
    expect(refused.status()).toBe(403);
    await attendee.close();
  } finally {
    // Leave no host behind for the other specs: drained and removed through the API if the page did not.
    const list = (await (await page.context().request.get("/api/v1/organizer/hosts")).json().catch(() => ({ hosts: [] }))) as { hosts: { id: string; engineUrl: string }[] };
    for (const h of list.hosts?.filter((x) => x.engineUrl === engine.url) ?? []) {
      await page.context().request.post(`/api/v1/organizer/hosts/${h.id}/drain`, { data: { move: false } });
      await page.context().request.delete(`/api/v1/organizer/hosts/${h.id}`);
    }
    await engine.stop();
  }
});

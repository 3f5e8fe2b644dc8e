import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, person, signInContext, test, typeLine } from "./fixtures";

// Bring your own template: an expert writes a lab template in the browser editor, sees a problem
// marked at its line, fixes it, saves version 1, attaches it to an offer and tries it (a private
// lab whose shell answers). An organizer disables it and the offer says so.
const STARTER_LINES = (extra: string) => `services:
  - name: shell
    image: mingle/busybox:1
    command: ["sleep", "inf"]
${extra}x-mingle:
  title: E2E own lab
  description: A lab of my own.
  isolation: container
  runtime: runc
  limits: { memory: 64m, cpus: 0.5, pids: 64, tmpfs: 16m }
  ttl: 30m
`;

async function replaceText(page: import("@playwright/test").Page, text: string) {
  const editor = page.getByTestId("yaml-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("write a template with a problem, see it at its line, fix it, attach it to an offer, try it, and an organizer disables it", async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const expert = await person(browser, request, "byot", { viewport: { width: 1440, height: 1000 } });
  const page = expert.page;

  await page.goto("/offers/mine");
  await page.getByRole("link", { name: "Write your own template" }).first().click();
  await page.waitForURL(/\/templates$/);

  // A refused capability on line 5: the problem list names the line, the editor marks that line.
  await replaceText(page, STARTER_LINES("    capabilities: [CAP_SYS_ADMIN]\n"));
  const problems = page.getByTestId("template-problems");
  await expect(problems).toContainText("Line 5, column 5");
  await expect(problems).toContainText("services.0.capabilities");
  await expect(problems).toContainText("is refused in container mode");
  const lines = page.getByTestId("yaml-editor").locator(".cm-line");
  await expect(lines.nth(4).locator(".cm-lintRange-error")).toBeVisible();
  await expect(lines.nth(4)).toContainText("capabilities");
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("template-problem-1440.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 900 });
  await page.screenshot({ path: test.info().outputPath("template-problem-375.png"), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // Saving anyway is refused with the line in the sentence.
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "line 5, column 5" })).toBeVisible();

  // Fixed: no problems, saved as version 1.
  await replaceText(page, STARTER_LINES(""));
  await expect(page.getByTestId("template-check")).toHaveText("No problems: the template can be saved.");
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved “E2E own lab” as version 1." })).toBeVisible();
  await expect(page.getByTestId("template-version")).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("template-saved-1440.png"), fullPage: true });

  // The offer names version 1.
  await page.getByRole("link", { name: "My offers" }).first().click();
  await page.waitForURL(/\/offers\/mine$/);
  const form = page.getByRole("form", { name: "New offer" });
  await form.getByLabel("Title").fill("Containers from scratch, in my own lab");
  await form.getByLabel("Lab template").selectOption({ label: "E2E own lab — version 1" });
  await form.getByRole("button", { name: "Publish offer" }).click();
  const offer = page.getByTestId("my-offer").filter({ hasText: "Containers from scratch, in my own lab" });
  await expect(offer).toContainText("Live lab: own template, v1");

  // Try it: a private lab of version 1, its shell answers.
  await page.goto("/templates");
  await page.getByRole("button", { name: "Try version 1" }).click();
  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await typeLine(page, "echo own-lab-$((6*7))");
  await expect(page.getByTestId("terminal-text")).toContainText("own-lab-42");
  await page.setViewportSize({ width: 375, height: 900 });
  await page.screenshot({ path: test.info().outputPath("template-lab-375.png"), fullPage: true });

  // An organizer reviews and disables it; the expert's offer and Try it say why.
  const organizer = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  const org = await organizer.newPage();
  await org.goto("/organizer/templates");
  const row = org.getByTestId("review-template").filter({ hasText: expert.user.email });
  await expect(row).toContainText("named by 1 offer");
  await row.getByLabel("Why disable E2E own lab").fill("Please use the shipped shell for now");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Reason: Please use the shipped shell for now");
  await org.screenshot({ path: test.info().outputPath("template-review-1440.png"), fullPage: true });

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/offers/mine");
  await expect(page.getByTestId("lab-disabled").first()).toContainText("Please use the shipped shell for now");
  await page.goto("/templates");
  await expect(page.getByRole("alert").filter({ hasText: "Disabled by an organizer" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try version 1" })).toBeDisabled();
  await organizer.close();
  await expert.context.close();
});

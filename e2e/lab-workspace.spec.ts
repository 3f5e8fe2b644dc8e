import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, signInContext, test, typeLine } from "./fixtures";

// The lab workspace in Chromium: drop a file onto the lab and cat it in the terminal, open it in
// the editor, run the checks, extend the lab; the page at 1440 and 375 px wide.

async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: "text/plain" }));
      return dt;
    },
    [name, content] as const,
  );
  const zone = page.getByTestId("lab-drop-zone");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

test("drop a file onto the lab, cat it in the terminal, edit it, run the checks, extend the lab", async ({ signedInPage: page, browser, baseURL }) => {
  // The editor's code and styles load under the page's CSP: nothing may be refused.
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/labs");
  await page.getByTestId("launch-first-task").click();
  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  const labId = page.url().split("/").pop()!;
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 30_000 });
  await expect(page.getByTestId("terminal-text")).toContainText("Your task", { timeout: 15_000 });

  // Dropped onto the terminal: it lands in /home/lab, the shell's home.
  await dropFile(page, "note.txt", "dropped-in-42\n");
  await expect(page.getByTestId("upload").filter({ hasText: "note.txt" })).toHaveAttribute("data-state", "done");
  await typeLine(page, "cat ~/note.txt");
  await expect(page.getByTestId("terminal-text")).toContainText("dropped-in-42");
  await expect(page.getByTestId("files-list").locator('[data-name="note.txt"]')).toBeVisible();

  // The checks: ✗ with the hint before the work, ✓ after a dropped hello.txt.
  const check = (name: string) => page.getByTestId("check").filter({ hasText: name });
  await check("hello.txt is in your home").getByRole("button", { name: "Verify" }).click();
  await expect(check("hello.txt is in your home")).toHaveAttribute("data-state", "failed");
  await expect(check("hello.txt is in your home")).toContainText("Hint: Create it");
  await dropFile(page, "hello.txt", "hello\n");
  await expect(page.getByTestId("upload").filter({ hasText: "hello.txt" })).toHaveAttribute("data-state", "done");
  await check("hello.txt is in your home").getByRole("button", { name: "Verify" }).click();
  await expect(check("hello.txt is in your home")).toHaveAttribute("data-state", "passed");
  await check("hello.txt says hello").getByRole("button", { name: "Verify" }).click();
  await expect(check("hello.txt says hello")).toHaveAttribute("data-state", "passed");
  await check("a copy is in /lab").getByRole("button", { name: "Verify" }).click();
  await expect(check("a copy is in /lab")).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("checks-score")).toHaveText("2 of 3 done");

  // The editor: open note.txt, change it, save, and the shell sees the change.
  await page.getByTestId("files-list").locator('[data-name="note.txt"]').getByRole("button").first().click();
  const editor = page.getByTestId("lab-editor").locator(".cm-content");
  await expect(editor).toContainText("dropped-in-42");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("edited-in-the-browser");
  await page.getByTestId("save-file").click();
  await expect(page.getByTestId("open-file")).toContainText("Saved");
  await typeLine(page, "tail -n 1 ~/note.txt | tr a-z A-Z");
  await expect(page.getByTestId("terminal-text")).toContainText("EDITED-IN-THE-BROWSER");

  // A file past the lab's 16 MiB tmpfs is refused with the sizes, not a server error.
  const big = await page.request.put(`/api/v1/labs/${labId}/files?root=%2Fhome%2Flab&path=big.bin`, {
    data: Buffer.alloc(17 * 1024 * 1024),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.message).toMatch(/big\.bin is 17\.0 MiB, but \/home\/lab has only [\d.]+ MiB free/);

  // An organizer watching sees the checks' results and no way to write, run or extend.
  const organizer = await browser.newContext({ baseURL });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  const watcher = await organizer.newPage();
  await watcher.goto(`/labs/${labId}`);
  await expect(watcher.getByTestId("checks-score")).toHaveText("2 of 3 done");
  await expect(watcher.getByTestId("extend-lab")).toHaveCount(0);
  await expect(watcher.getByRole("button", { name: "Verify" })).toHaveCount(0);
  await expect(watcher.getByRole("button", { name: "Upload…" })).toHaveCount(0);

  // Extend: 15 minutes more, shown at once, to the watching organizer too.
  const before = await page.getByTestId("lab-ends-at").textContent();
  await expect(watcher.getByTestId("lab-ends-at")).toHaveText(before!);
  await page.getByTestId("extend-lab").click();
  await expect(page.getByTestId("lab-ends-at")).not.toHaveText(before!);
  await expect(watcher.getByTestId("lab-ends-at")).toHaveText((await page.getByTestId("lab-ends-at").textContent())!);
  await organizer.close();

  await page.getByTestId("lab-terminal").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("lab-workspace-1440.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: test.info().outputPath("lab-workspace-375.png"), fullPage: true });

  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED");
  expect(refused).toEqual([]);
});

import { expect, labContainers, test, typeLine } from "./fixtures";

// A LinuxKit OS in a micro-VM, end to end: the card says what it is, the launch builds and boots it,
// the terminal shows the kernel's boot log and the init's, then the console prompt answers; Stop
// leaves nothing on the engine. Screenshots at desktop and phone widths go to the output folder.

test("launch the LinuxKit OS vm lab: the terminal shows the boot log, then a prompt that answers; Stop removes it", async ({ signedInPage: page }, info) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/labs");
  const card = page.getByTestId("template-linuxkit-os");
  await expect(card).toContainText("LinuxKit micro-VM");
  await expect(page.getByTestId("template-shell").getByTestId("template-note")).toHaveCount(0);
  await page.getByTestId("launch-linuxkit-os").click();

  await page.waitForURL(/\/labs\/l[0-9a-f]{20}$/);
  const labId = page.url().split("/").pop()!;
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "READY", { timeout: 120_000 });
  const terminal = page.getByTestId("lab-terminal");
  await expect(terminal).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
  const text = page.getByTestId("terminal-text");
  await expect(text).toContainText("Linux version 6.1", { timeout: 60_000 });
  await expect(text).toContainText("[init] onboot 000-hello", { timeout: 120_000 });
  await expect(text).toContainText(/root@lab:[^\n]*# /, { timeout: 120_000 });

  await typeLine(page, "cat /lab/clock.txt; echo vm-$((6*7))");
  await expect(text).toContainText("clock saw the onboot marker", { timeout: 30_000 });
  await expect(text).toContainText("vm-42");
  await page.screenshot({ path: info.outputPath("vm-lab-1440.png") });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: info.outputPath("vm-lab-375.png"), fullPage: true });

  await page.getByTestId(`stop-lab-${labId}`).click();
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "STOPPED", { timeout: 30_000 });
  expect(await labContainers(labId)).toEqual([]);
});

import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, signInContext, test } from "./fixtures";

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: also take 375 px and 1440 px screenshots

test("an organizer renames an area and adds a table, and the conference home shows both", async ({ page }) => {
  await signInContext(page.context(), ORGANIZER_EMAIL, DEMO_PASSWORD);
  await page.goto("/organizer/setup");
  const card = (area: string) => page.locator(`[data-testid="area-card"][data-area="${area}"]`);
  const hallB = card("Moby Mingle — Hall B");
  const name = `Moby Mingle — Hall B ${Date.now().toString(36)}`;
  await hallB.getByLabel("Area name").fill(name);
  await hallB.getByRole("button", { name: "Save area" }).click();
  const renamed = card(name);
  await expect(renamed).toHaveCount(1);

  await renamed.getByPlaceholder("Label, e.g. A7").fill("B9");
  await renamed.getByLabel("New table seats").fill("6");
  await renamed.getByRole("button", { name: "Add table" }).click();
  await expect(renamed.getByLabel("Table label", { exact: true }).last()).toHaveValue("B9");

  // The same label again is refused with the reason.
  await renamed.getByPlaceholder("Label, e.g. A7").fill("B9");
  await renamed.getByRole("button", { name: "Add table" }).click();
  await expect(renamed.getByTestId("form-error")).toContainText('already has a table labelled "B9"');

  await page.goto("/");
  await expect(page.getByText(name)).toBeVisible();
  await expect(page.getByText("B9 · 6 seats")).toBeVisible();

  if (SHOTS) {
    for (const [w, h] of [
      [375, 812],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const path of ["/organizer", "/organizer/setup"]) {
        await page.goto(path);
        await page.screenshot({ path: `${SHOTS}/${path.replace(/\//g, "_")}-${w}.png`, fullPage: true });
      }
    }
  }
});

test("an attendee cannot open the organizer pages or API", async ({ signedInPage: page }) => {
  await page.goto("/organizer");
  await expect(page).toHaveURL(/\/\?denied=organizer$/);
  await page.goto("/organizer/setup");
  await expect(page).toHaveURL(/\/\?denied=organizer$/);
  const res = await page.request.post("/api/v1/organizer/areas", { data: { name: "Sneaky" } });
  expect(res.status()).toBe(403);
});

test("a notice shows as a toast in two open tabs, and reading it in one clears the badge in the other", async ({ browser, signedInPage: tab1, user }) => {
  const tab2 = await tab1.context().newPage();
  await tab1.goto("/offers");
  await tab2.goto("/");
  for (const tab of [tab1, tab2]) await expect(tab.getByTestId("notification-bell")).toBeVisible();
  await expect(tab1.getByTestId("notification-badge")).toHaveCount(0);

  const desk = await browser.newContext();
  await signInContext(desk, ORGANIZER_EMAIL, DEMO_PASSWORD);
  const title = `Hall B moves to Level 2 ${Date.now().toString(36)}`;
  const sent = await desk.request.post("/api/v1/organizer/announcements", { data: { to: user.email, title, body: "Same tables, one floor up.", link: "/" } });
  expect(sent.status(), await sent.text()).toBe(201);

  for (const tab of [tab1, tab2]) {
    const toast = tab.getByRole("status").filter({ hasText: title });
    await expect(toast).toBeVisible();
    await expect(toast.getByRole("link", { name: "View" })).toHaveAttribute("href", "/");
    await expect(tab.getByTestId("notification-badge")).toHaveText("1");
  }

  if (SHOTS) await tab1.screenshot({ path: `${SHOTS}/toast-1440.png` });
  await tab1.getByTestId("notification-bell").click();
  await expect(tab1.getByTestId("notification-dropdown").getByText(title)).toBeVisible();
  if (SHOTS) await tab1.screenshot({ path: `${SHOTS}/bell-1440.png` });
  await tab1.getByRole("button", { name: "Mark all read" }).click();
  await expect(tab1.getByTestId("notification-badge")).toHaveCount(0);
  await expect(tab2.getByTestId("notification-badge")).toHaveCount(0);

  await tab2.goto("/inbox");
  await expect(tab2.getByTestId("notification-item").filter({ hasText: title })).toHaveAttribute("data-unread", "false");
  if (SHOTS) {
    await tab2.setViewportSize({ width: 375, height: 812 });
    await tab2.screenshot({ path: `${SHOTS}/inbox-375.png`, fullPage: true });
    await tab2.getByTestId("notification-bell").click();
    await tab2.screenshot({ path: `${SHOTS}/bell-375.png` });
  }
  await desk.close();
});

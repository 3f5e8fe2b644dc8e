import type { Browser } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, json, signInContext, signUpViaApi, test, uniqueUser } from "./fixtures";

/**
 * The organizer's Analytics page on the seeded demo: its charts render (screenshots at 1440 and
 * 375 px, set E2E_SCREENSHOTS=dir to keep them), the day filter refetches, and a request made by
 * another person in another browser moves the funnel without a reload. Attendees are refused.
 */
const SHOTS = process.env.E2E_SCREENSHOTS;

type Slot = { id: string; startsAt: string };

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInContext(context, email, password);
  return context;
}

test("the organizer sees the charts, filters by day, and a booking elsewhere moves the funnel live", async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  await signInContext(page.context(), ORGANIZER_EMAIL, DEMO_PASSWORD);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/organizer/analytics");
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  const board = page.getByTestId("analytics-board");
  await expect(board.locator(".recharts-surface").first()).toBeVisible();
  expect(await board.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("heatmap")).toBeVisible();
  // Each chart's table is there for screen readers, and on demand for everyone.
  await expect(page.getByRole("table", { name: "What became of the requests" })).toBeAttached();
  await page.getByRole("button", { name: "Show table" }).first().click();
  await expect(page.getByRole("table", { name: "What became of the requests" })).toBeVisible();
  await page.getByRole("button", { name: "Show chart" }).first().click();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics-1440.png`, fullPage: true });
  // On a phone nothing is wider than the screen: wide tables scroll inside their cards.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  if (SHOTS) {
    for (const [i, name] of ["Requests and answers", "Did they happen?", "People", "Tables", "Topics: supply and demand", "Labs"].entries()) {
      await page.getByRole("heading", { name, level: 2 }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/analytics-375-${i}.png` });
    }
  }
  await page.setViewportSize({ width: 1440, height: 1000 });

  const requests = page.getByTestId("funnel-tiles-requests");
  const before = Number(await requests.textContent());
  expect(before).toBeGreaterThan(0);

  // --- the day filter: the figures of one day, then all of them again -----------------------------
  const days = await page
    .getByTestId("day-filter")
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(days.length).toBeGreaterThan(1);
  const lastDay = days[days.length - 1]!;
  const dayView = page.waitForResponse((r) => r.url().includes(`/api/v1/organizer/analytics?day=${lastDay}`) && r.status() === 200);
  await page.getByTestId("day-filter").selectOption(lastDay);
  const oneDay = (await (await dayView).json()) as { funnel: { requests: number } };
  await expect(requests).toHaveText(String(oneDay.funnel.requests));
  expect(oneDay.funnel.requests).toBeLessThanOrEqual(before);
  await page.getByTestId("day-filter").selectOption("");
  await expect(requests).toHaveText(String(before));

  // --- a request made in another browser context moves the funnel, live -----------------------------
  const expertUser = uniqueUser("analytics-expert");
  const guestUser = uniqueUser("analytics-guest");
  await signUpViaApi(request, expertUser);
  await signUpViaApi(request, guestUser);
  const expert = await signedIn(browser, expertUser.email, expertUser.password);
  const guest = await signedIn(browser, guestUser.email, guestUser.password);
  const { slots } = await json<{ slots: Slot[] }>(await guest.request.get("/api/v1/slots"));
  const slot = slots.find((s) => new Date(s.startsAt).getTime() > Date.now() + 30 * 60_000);
  expect(slot, "a future slot").toBeTruthy();
  const offer = await json<{ id: string }>(
    await expert.request.post("/api/v1/offers", { data: { title: "Analytics live check", description: "A test offer.", tags: ["swarm"] } }),
    201,
  );
  await json(await expert.request.put("/api/v1/availability", { data: { mode: "slots", slotStarts: [slot!.startsAt] } }));
  await json(await guest.request.post("/api/v1/sessions", { data: { offerId: offer.id, slotStart: slot!.startsAt, slotId: slot!.id } }), 201);
  await expect(requests).toHaveText(String(before + 1), { timeout: 10_000 });

  // --- attendees get neither the figures nor the CSV ---------------------------------------------------
  expect((await guest.request.get("/api/v1/organizer/analytics")).status()).toBe(403);
  expect((await guest.request.get("/api/v1/organizer/analytics/export?table=sessions")).status()).toBe(403);
  const bad = await page.context().request.get("/api/v1/organizer/analytics?day=1999-01-01");
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/is not a day of/);

  // --- the sessions list as CSV, with the page's filter ------------------------------------------------
  const csv = await page.context().request.get("/api/v1/organizer/analytics/export?table=sessions");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="mingle-sessions\.csv"/);
  const [header, ...rows] = parse(await csv.text(), { bom: true }) as string[][];
  expect(header!.slice(0, 4)).toEqual(["session id", "starts", "ends", "status"]);
  expect(rows).toHaveLength(before + 1);
  expect(rows.filter((r) => r[header!.indexOf("offer")] === "Analytics live check").map((r) => r[header!.indexOf("status")])).toEqual(["PENDING"]);
  await expert.close();
  await guest.close();
});

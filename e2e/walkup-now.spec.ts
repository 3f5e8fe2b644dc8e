import type { APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, json, labContainers, person, signInContext, test, typeLine } from "./fixtures";

/**
 * A walk-up into the slot that is running, then the session itself: "Meet now" on Available now,
 * the expert accepts live, both say "We're here", and both open the session's one lab and type in
 * the same shell. The organizer first stretches the mingle hours over the whole day, so there is a
 * running slot whenever this runs (this file runs last: the other specs expect the demo hours).
 * The server runs with BOOKING_WALKUP_MIN_MINUTES=1 (playwright.config.ts).
 */
test.setTimeout(300_000);

type Slot = { id: string; startsAt: string; endsAt: string };
type NowView = { current: Slot | null; next: Slot | null; walkupUntil: string | null };

/** Every conference day 00:00–23:30 local, keeping the demo's slots (they lie inside). */
async function stretchMingleHours(api: APIRequestContext): Promise<void> {
  const conf = await json<{ hours: Array<{ day: string }> }>(await api.get("/api/v1/organizer/conference"));
  const hours = conf.hours.map((h) => ({ day: h.day, opensAt: "00:00", closesAt: "23:30" }));
  await json(await api.put("/api/v1/organizer/hours", { data: { hours } }));
  const synced = await json<{ created: number; removed: number }>(await api.post("/api/v1/organizer/slots"));
  expect(synced.removed, "stretching the hours removes no slot").toBe(0);
}

/**
 * The running slot, with at least 90 s of it left: the hold ends a minute before the slot does and
 * the flow up to "Accept" takes some 5 s; waits for the next slot when this one is nearly over. Null only in the half hour between
 * conference days (23:30–24:00 in the conference's zone), which has no slot at all.
 */
async function runningSlot(api: APIRequestContext): Promise<Slot | null> {
  for (let tries = 0; tries < 3; tries++) {
    const now = await json<NowView>(await api.get("/api/v1/available-now"));
    if (now.current && now.walkupUntil && new Date(now.current.endsAt).getTime() - Date.now() > 90_000) return now.current;
    const wait = now.next ? new Date(now.next.startsAt).getTime() - Date.now() : Infinity;
    if (wait > 240_000) return null;
    await new Promise((r) => setTimeout(r, Math.max(wait, 0) + 1_000));
  }
  return null;
}

test("walk up now: Meet now, accepted live, both check in and share the session's lab", async ({ browser, request }) => {
  const organizer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  await stretchMingleHours(organizer.request);
  await organizer.close();

  const expert = await person(browser, request, "walkup-expert");
  const ada = await person(browser, request, "walkup-ada");
  try {
    const slot = await runningSlot(ada.api);
    test.skip(slot === null, "between conference days (23:30–24:00 conference time) no slot is running; lib/booking/walkup.int.test.ts covers walk-ups with a moving clock");
    const title = `Live debugging ${Date.now().toString(36)}`;
    await json(await expert.api.post("/api/v1/offers", { data: { title, description: "Bring a broken container.", tags: ["docker"], labTemplate: "shell" } }), 201);
    await json(await expert.api.put("/api/v1/availability", { data: { mode: "slots", slotStarts: [slot!.startsAt] } }));

    // --- Ada sees the expert free now and asks to meet now, in two taps --------------------------
    await expert.page.goto("/sessions");
    await ada.page.goto("/now");
    await ada.page.getByLabel("Filter experts by name or topic").fill(title);
    const card = ada.page.locator('[data-testid="expert-now"]').filter({ hasText: expert.user.name });
    await expect(card.getByText("free now")).toBeVisible();
    await card.getByRole("button", { name: title }).click();
    const sheet = ada.page.getByRole("dialog");
    await expect(sheet.getByText(/“Meet now” closes in \d+ min/)).toBeVisible();
    await sheet.getByTestId("walkup-now").click();
    await expect(ada.page.getByTestId("walkup-sent")).toBeVisible();
    // Held now: the expert is no longer offered as free now.
    await expect(card).toHaveCount(0);

    // --- the expert gets it live and accepts ------------------------------------------------------
    const incoming = expert.page.getByTestId("sessions-incoming").getByTestId("session-card");
    await expect(incoming).toContainText(ada.user.name);
    await incoming.getByRole("button", { name: "Accept" }).click();
    const expertCard = expert.page.getByTestId("sessions-upcoming").getByTestId("session-card");
    await expect(expertCard).toHaveAttribute("data-status", "ACCEPTED");
    await expect(expertCard.getByText("Happening now")).toBeVisible();

    // --- Ada checks in; the expert's card says so without a reload -------------------------------
    await ada.page.goto("/sessions");
    const adaCard = ada.page.getByTestId("sessions-upcoming").getByTestId("session-card");
    await expect(adaCard.getByText("Happening now")).toBeVisible();
    await adaCard.getByRole("button", { name: "We're here" }).click();
    await expect(adaCard).toContainText("You're here");
    await expect(expertCard).toContainText(`${ada.user.name} is here`);

    // --- both open the session's lab: one lab, one shell, both type ------------------------------
    await adaCard.getByRole("button", { name: "Open lab" }).click();
    await ada.page.waitForURL(/\/labs\/[A-Za-z0-9_-]+$/, { timeout: 30_000 });
    const labId = new URL(ada.page.url()).pathname.split("/").pop()!;
    await expect(ada.page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 60_000 });
    await typeLine(ada.page, "echo ada-$((20+22))");
    await expect(ada.page.getByTestId("terminal-text")).toContainText("ada-42");

    await expertCard.getByRole("button", { name: "Open lab" }).click();
    await expert.page.waitForURL(`**/labs/${labId}`, { timeout: 30_000 });
    await expect(expert.page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 60_000 });
    await expect(expert.page.getByTestId("lab-terminal")).toHaveAttribute("data-can-type", "true");
    await expect(expert.page.getByTestId("terminal-text")).toContainText("ada-42");
    await typeLine(expert.page, "echo expert-$((6*7))");
    await expect(ada.page.getByTestId("terminal-text")).toContainText("expert-42");

    expect(await labContainers(labId)).not.toHaveLength(0);
    await expert.page.getByTestId(`stop-lab-${labId}`).click();
    await expect.poll(async () => (await labContainers(labId)).length, { timeout: 30_000 }).toBe(0);
  } finally {
    for (const p of [expert, ada]) await p.context.close();
  }
});

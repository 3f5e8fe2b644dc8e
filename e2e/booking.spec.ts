import ICAL from "ical.js";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, json, person as newPerson, test, type Person } from "./fixtures";

/**
 * Booking end to end, in two (and more) browser contexts, with the data made through the real API.
 * Slots are chosen relative to the clock at run time: the request/accept flow uses slots at least
 * 90 minutes ahead (the demo conference always has some: it starts today and runs three days),
 * and "Available now" uses whatever the API calls the next slot (tomorrow morning, outside hours).
 */

type Slot = { id: string; startsAt: string; endsAt: string; day: string };
type AvailabilitySlot = Slot & { available: boolean; busy: boolean; past: boolean };
type SessionView = { id: string; status: string; sequence: number; table: { label: string } | null };

/** Everyone here reads times in Berlin while the conference is in Chicago: both clocks show. */
const person = (browser: Browser, request: APIRequestContext, prefix: string): Promise<Person> => newPerson(browser, request, prefix, { timezoneId: "Europe/Berlin" });

/**
 * The API's next slot, if it stays "next" for the whole test (it must not start before the walk-up
 * request is accepted, some 15 s after this call; 75 s leaves room for a slow machine); otherwise
 * wait for it to start and take the one after.
 */
async function nextSlot(api: APIRequestContext): Promise<Slot> {
  for (;;) {
    const now = await json<{ next: Slot | null }>(await api.get("/api/v1/available-now"));
    expect(now.next, "the API always knows a next slot within a day").not.toBeNull();
    const wait = new Date(now.next!.startsAt).getTime() - Date.now();
    if (wait > 75_000) return now.next!;
    await new Promise((r) => setTimeout(r, wait + 1_000));
  }
}

function parseIcs(text: string): { uid: string; sequence: number; method: string; start: string } {
  const root = new ICAL.Component(ICAL.parse(text));
  const event = root.getFirstSubcomponent("vevent");
  expect(event, "the .ics holds a VEVENT").toBeTruthy();
  return {
    uid: String(event!.getFirstPropertyValue("uid")),
    sequence: Number(event!.getFirstPropertyValue("sequence")),
    method: String(root.getFirstPropertyValue("method")),
    start: (event!.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
  };
}

async function downloadIcs(page: Page, card: ReturnType<Page["locator"]>): Promise<ReturnType<typeof parseIcs>> {
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId("add-to-calendar").click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return parseIcs(Buffer.concat(chunks).toString("utf8"));
}

test.describe.configure({ mode: "serial" });

test("request, accept live in two browsers, calendar with stable UID and rising SEQUENCE, a taken slot refused, Available now live", async ({ browser, request }) => {
  test.setTimeout(330_000);
  const expert = await person(browser, request, "expert");
  const ada = await person(browser, request, "ada");
  const bo = await person(browser, request, "bo");
  const watcher = await person(browser, request, "watch");

  // --- data through the API: an offer and the expert's free slots --------------------------------
  const offer = await json<{ id: string }>(
    await expert.api.post("/api/v1/offers", { data: { title: "Debugging slow Docker builds", description: "Bring your Dockerfile.", tags: ["docker", "buildkit"] } }),
    201,
  );
  const next = await nextSlot(expert.api);
  const mine = await json<{ slots: AvailabilitySlot[] }>(await expert.api.get("/api/v1/availability"));
  const later = mine.slots.filter((s) => new Date(s.startsAt).getTime() > Math.max(Date.now() + 90 * 60_000, new Date(next.endsAt).getTime()));
  expect(later.length, "slots at least 90 minutes ahead exist").toBeGreaterThanOrEqual(2);
  const [slotA, slotB] = [later[0]!, later[1]!];
  await json(await expert.api.put("/api/v1/availability", { data: { mode: "slots", slotStarts: [next.startsAt, slotA.startsAt, slotB.startsAt] } }));

  // --- the expert watches their sessions; the watcher watches "Available now" --------------------
  await expert.page.goto("/sessions");
  await expect(expert.page.getByRole("heading", { name: "My sessions" })).toBeVisible();
  await watcher.page.goto("/now");
  await watcher.page.getByLabel("Filter experts by name or topic").fill(expert.user.name);
  const expertNow = watcher.page.locator(`[data-testid="expert-now"][data-expert-id]`).filter({ hasText: expert.user.name });
  await expect(expertNow).toBeVisible();
  await expect(expertNow.getByText("free next")).toBeVisible();
  const tablesNext = Number(await watcher.page.getByTestId("slot-next-tables").textContent());

  // --- Bo opens the panel first and sees slot A; then Ada requests A through the UI --------------
  await bo.page.goto(`/offers/${offer.id}`);
  await bo.page.getByTestId("request-session").click();
  const boPanel = bo.page.getByRole("dialog", { name: "Request a session" });
  await expect(boPanel.locator(`[data-slot-start="${slotA.startsAt}"]`)).toBeVisible();

  await ada.page.goto(`/offers/${offer.id}`);
  await ada.page.getByTestId("request-session").click();
  const adaPanel = ada.page.getByRole("dialog", { name: "Request a session" });
  await adaPanel.locator(`[data-slot-start="${slotA.startsAt}"]`).click();
  // Berlin viewer, Chicago conference: both clocks are shown.
  await expect(adaPanel.getByTestId("picked-slot")).toContainText("your time");
  await adaPanel.getByLabel("Message (optional)").fill("Our CI builds take 20 minutes; can we look at the cache?");
  await adaPanel.getByRole("button", { name: "Send request" }).click();
  await expect(ada.page.getByTestId("request-sent")).toBeVisible();

  // Bo's stale list still offers A: sending it is refused with a clear message, and A disappears.
  await boPanel.locator(`[data-slot-start="${slotA.startsAt}"]`).click();
  await boPanel.getByRole("button", { name: "Send request" }).click();
  await expect(boPanel.getByTestId("form-error")).toHaveText("That slot was just taken — pick another.");
  await expect(boPanel.locator(`[data-slot-start="${slotA.startsAt}"]`)).toHaveCount(0);
  await expect(boPanel.locator(`[data-slot-start="${slotB.startsAt}"]`)).toBeVisible();
  // The same through the API: 409 with a code and a sentence.
  const refused = await bo.api.post("/api/v1/sessions", { data: { offerId: offer.id, slotStart: slotA.startsAt } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("SLOT_TAKEN");
  expect(body.error.message).toMatch(/no longer free/);

  // --- the expert sees the request appear without reloading, with a toast, and accepts -----------
  await ada.page.getByRole("link", { name: "My sessions" }).click();
  await expect(ada.page.getByTestId("sessions-outgoing").getByTestId("session-card")).toHaveCount(1);
  await expect(ada.page.getByTestId("hold-countdown")).toContainText("Expires in");

  await expect(expert.page.getByTestId("toast").filter({ hasText: "asks for a session" })).toBeVisible();
  const incoming = expert.page.getByTestId("sessions-incoming").getByTestId("session-card");
  await expect(incoming).toHaveCount(1);
  await expect(incoming).toContainText(ada.user.name);
  await incoming.getByRole("button", { name: "Accept" }).click();

  // --- both see the agreed session with its table; Ada gets a toast, no reload -------------------
  const expertCard = expert.page.getByTestId("sessions-upcoming").getByTestId("session-card");
  await expect(expertCard.getByTestId("session-table")).toContainText("Table ");
  const adaCard = ada.page.getByTestId("sessions-upcoming").getByTestId("session-card");
  await expect(adaCard).toHaveAttribute("data-status", "ACCEPTED");
  const table = (await expertCard.getByTestId("session-table").textContent())!;
  await expect(adaCard.getByTestId("session-table")).toHaveText(table);
  await expect(ada.page.getByTestId("toast").first()).toBeVisible();
  await expect(ada.page.getByTestId("sessions-outgoing")).toHaveCount(0);

  // --- calendar: download, parse, reschedule, download again -------------------------------------
  const sessionId = (await adaCard.getAttribute("data-session-id"))!;
  const first = await downloadIcs(ada.page, adaCard);
  expect(first.uid).toBe(`session-${sessionId}@mingle`);
  expect(first.method).toBe("REQUEST");
  expect(first.start).toBe(new Date(slotA.startsAt).toISOString());

  const timeBefore = (await adaCard.getByTestId("session-time").textContent())!;
  await adaCard.getByRole("button", { name: "Reschedule" }).click();
  const move = ada.page.getByRole("dialog", { name: "Move to another time" });
  await move.locator(`[data-slot-start="${slotB.startsAt}"]`).click();
  await move.getByRole("button", { name: "Move session" }).click();
  await expect(move).toHaveCount(0);
  await expect(adaCard.getByTestId("session-time")).not.toHaveText(timeBefore);
  await expect(expertCard.getByTestId("session-time")).not.toHaveText(timeBefore);
  const second = await downloadIcs(ada.page, adaCard);
  expect(second.uid).toBe(first.uid);
  expect(second.sequence).toBeGreaterThan(first.sequence);
  expect(second.start).toBe(new Date(slotB.startsAt).toISOString());
  const moved = await json<SessionView>(await expert.api.get(`/api/v1/sessions/${sessionId}`));
  expect(moved.sequence).toBe(second.sequence);

  // --- "Available now": Bo walks up in two taps; the watcher's page follows live ------------------
  await bo.page.goto("/now");
  await bo.page.getByLabel("Filter experts by name or topic").fill("slow Docker builds");
  const boExpert = bo.page.locator('[data-testid="expert-now"]').filter({ hasText: expert.user.name });
  await boExpert.getByRole("button", { name: "Debugging slow Docker builds" }).click();
  await bo.page
    .getByRole("dialog")
    .getByRole("button", { name: /Request next slot/ })
    .click();
  await expect(bo.page.getByTestId("walkup-sent")).toBeVisible();
  // Pending holds the expert: they drop out of the watcher's "free next" list without a reload.
  await expect(expertNow).toHaveCount(0);

  const pending = await json<{ sessions: Array<SessionView & { myTurn: boolean; slot: { startsAt: string } }> }>(await expert.api.get("/api/v1/sessions?scope=upcoming"));
  const walkup = pending.sessions.find((s) => s.status === "PENDING" && s.slot.startsAt === next.startsAt);
  expect(walkup, "the walk-up request reached the expert").toBeTruthy();
  await json(await expert.api.post(`/api/v1/sessions/${walkup!.id}/respond`, { data: { action: "accept" } }));
  // Accepted: one table fewer is free in the next slot, again without a reload.
  await expect(watcher.page.getByTestId("slot-next-tables")).toHaveText(String(tablesNext - 1));

  for (const p of [expert, ada, bo, watcher]) await p.context.close();
});

test("availability: tap slots on and off, presets, and a slot held by a request is locked", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const expert = await person(browser, request, "avail");
  const asker = await person(browser, request, "asker");
  const offer = await json<{ id: string }>(await expert.api.post("/api/v1/offers", { data: { title: "Compose files for real projects", tags: ["compose"] } }), 201);
  const freeDay = async () => (await json<{ slots: AvailabilitySlot[] }>(await expert.api.get("/api/v1/availability"))).slots.filter((s) => s.day === day);

  await expert.page.setViewportSize({ width: 375, height: 800 });
  await expert.page.goto("/availability");
  // The second conference day lies wholly in the future at any hour of the run.
  await expert.page.getByRole("tab").nth(1).click();
  const grid = expert.page.getByTestId("availability-grid");
  const first = grid.locator("[data-slot-start]").first();
  const start = (await first.getAttribute("data-slot-start"))!;
  const day = (await json<{ slots: AvailabilitySlot[] }>(await expert.api.get("/api/v1/availability"))).slots.find((s) => s.startsAt === start)!.day;

  await first.click();
  await expect(first).toHaveAttribute("data-state", "free");
  await expect(expert.page.getByTestId("save-status")).toHaveText("All changes saved");
  expect((await freeDay()).filter((s) => s.available).map((s) => s.startsAt)).toEqual([start]);

  await expert.page.getByRole("button", { name: "Afternoon" }).click();
  await expect(expert.page.getByTestId("save-status")).toHaveText("All changes saved");
  const afternoon = (await freeDay()).filter((s) => s.available);
  expect(afternoon.length).toBeGreaterThan(1);
  await expect(grid.locator('[data-state="free"]')).toHaveCount(afternoon.length);

  // Someone requests the morning slot: it shows as taken and can no longer be toggled.
  await json(await asker.api.post("/api/v1/sessions", { data: { offerId: offer.id, slotStart: start } }), 201);
  await expect(grid.locator(`[data-slot-start="${start}"]`)).toHaveAttribute("data-state", "taken");
  await expect(grid.locator(`[data-slot-start="${start}"]`)).toBeDisabled();

  await expert.page.getByRole("button", { name: "Clear day" }).click();
  await expect(expert.page.getByTestId("save-status")).toHaveText("All changes saved");
  expect((await freeDay()).filter((s) => s.available && s.startsAt !== start)).toEqual([]);

  for (const p of [expert, asker]) await p.context.close();
});

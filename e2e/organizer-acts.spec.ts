import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, json, signInContext, signUpViaApi, test, uniqueUser } from "./fixtures";

/**
 * The Mingle desk acts for attendees: an agreed session (made through the real API) is moved to
 * another table and then cancelled with a reason from the desk's session list; both people see the
 * change through the API, the audit trail lists both actions, and attendees are refused the
 * organizer endpoints. The slot is the first future one with room, so the test runs at any hour.
 */

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: also take 375 px and 1440 px screenshots

type Slot = { id: string; startsAt: string; endsAt: string; day: string };
type SessionView = { id: string; status: string; closedReason: string | null; slot: { id: string }; table: { id: string; label: string } | null };

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInContext(context, email, password);
  return context;
}

test("the desk moves a session to another table, then cancels it with a reason; both show in the audit trail", async ({ browser, request, page }) => {
  test.setTimeout(120_000);
  const expertUser = uniqueUser("expert");
  const guestUser = uniqueUser("guest");
  await signUpViaApi(request, expertUser);
  await signUpViaApi(request, guestUser);
  const expert = await signedIn(browser, expertUser.email, expertUser.password);
  const guest = await signedIn(browser, guestUser.email, guestUser.password);
  await signInContext(page.context(), ORGANIZER_EMAIL, DEMO_PASSWORD);
  const desk = page.context().request;

  // --- a slot comfortably in the future with at least two free tables ---------------------------
  const { grid } = await json<{ grid: { tables: Array<{ id: string }> } }>(await desk.get("/api/v1/organizer/dashboard"));
  const { sessions: existing } = await json<{ sessions: SessionView[] }>(await desk.get("/api/v1/organizer/sessions"));
  const { slots } = await json<{ slots: Slot[] }>(await guest.request.get("/api/v1/slots"));
  const tablesUsed = (slotId: string) => existing.filter((s) => s.slot.id === slotId && s.table).length;
  const slot = slots.find((s) => new Date(s.startsAt).getTime() > Date.now() + 5 * 60_000 && grid.tables.length - tablesUsed(s.id) >= 2);
  expect(slot, "a future slot with two free tables").toBeTruthy();

  // --- an agreed session through the real API -------------------------------------------------------
  const offer = await json<{ id: string }>(
    await expert.request.post("/api/v1/offers", { data: { title: "Compose files that survive production", description: "Bring yours.", tags: ["compose"] } }),
    201,
  );
  await json(await expert.request.put("/api/v1/availability", { data: { mode: "slots", slotStarts: [slot!.startsAt] } }));
  const requested = await json<SessionView>(
    await guest.request.post("/api/v1/sessions", { data: { offerId: offer.id, slotStart: slot!.startsAt, slotId: slot!.id, message: "See you there" } }),
    201,
  );
  const accepted = await json<SessionView>(await expert.request.post(`/api/v1/sessions/${requested.id}/respond`, { data: { action: "accept" } }));
  expect(accepted.status).toBe("ACCEPTED");
  const fromTable = accepted.table!;

  // --- attendees cannot use the desk's endpoints -----------------------------------------------------
  expect((await guest.request.get("/api/v1/organizer/sessions")).status()).toBe(403);
  expect((await guest.request.post(`/api/v1/organizer/sessions/${accepted.id}/cancel`, { data: { reason: "I'd rather not" } })).status()).toBe(403);
  expect((await expert.request.post(`/api/v1/organizer/sessions/${accepted.id}/table`, { data: { tableId: fromTable.id } })).status()).toBe(403);

  // --- the desk finds the session on its day ---------------------------------------------------------
  await page.goto("/organizer");
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  const dayButton = page.getByRole("group", { name: "Day" }).locator(`button[data-day="${slot!.day}"]`);
  await dayButton.click();
  await expect(dayButton).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Find a session by name, topic or table").fill(guestUser.name);
  const row = page.locator(`[data-testid="desk-session"][data-session-id="${accepted.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("desk-session-table")).toContainText(`Table ${fromTable.label}`);
  await expect(row).toContainText(expertUser.name);

  // A booked cell of today's grid opens the same session (only when the slot is today).
  const cell = page.getByTestId("occupancy-grid").locator(`button[data-session-id="${accepted.id}"]`);
  if ((await cell.count()) > 0) {
    await cell.click();
    await expect(row).toBeInViewport();
  }

  // --- move to another table --------------------------------------------------------------------------
  await row.getByRole("button", { name: "Move to table…" }).click();
  const move = row.getByTestId("move-panel");
  const select = move.getByLabel("New table");
  const options = await select.locator("option").allTextContents();
  expect(options, "the current table is not offered").not.toContain(`Table ${fromTable.label}`);
  const target = options[options.length - 1]!;
  await select.selectOption({ label: target });
  if (SHOTS) await shoot(page, "organizer-acts-move");

  // A refusal is shown in the panel as a sentence. A real TABLE_TAKEN needs another desk to win a
  // race in the same instant, so this one answer is the API's 409 played back; the next is real.
  const tableUrl = `**/api/v1/organizer/sessions/${accepted.id}/table`;
  await page.route(tableUrl, (route) =>
    route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "TABLE_TAKEN", message: "Another session already uses that table in this slot; pick a free one." } }),
    }),
  );
  await move.getByRole("button", { name: "Move and notify both" }).click();
  await expect(move.getByTestId("form-error")).toHaveText("That table was just taken by another session. The list is updated — pick another free table.");
  await page.unroute(tableUrl);
  await expect(row.getByTestId("desk-session-table")).toContainText(`Table ${fromTable.label}`);

  await select.selectOption({ label: target });
  await move.getByRole("button", { name: "Move and notify both" }).click();
  await expect(move).toHaveCount(0);
  await expect(row.getByTestId("desk-session-table")).toContainText(target);
  const toLabel = target.replace(/^Table /, "");
  const audit = page.getByTestId("audit-list");
  await expect(audit).toContainText(`moved a session from table ${fromTable.label} to table ${toLabel}`);

  const moved = await json<SessionView>(await guest.request.get(`/api/v1/sessions/${accepted.id}`));
  expect(moved.status).toBe("ACCEPTED");
  expect(moved.table!.label).toBe(toLabel);

  // --- cancel for them: a reason is required and kept to 500 characters ------------------------------
  await row.getByRole("button", { name: "Cancel for them" }).click();
  const cancel = row.getByTestId("cancel-panel");
  await expect(cancel).toContainText(guestUser.name);
  await cancel.getByRole("button", { name: "Cancel the session" }).click();
  await expect(cancel.getByRole("alert")).toHaveText("A reason is required: both people are told why.");
  await cancel.getByLabel("Reason (sent to both)").fill("x".repeat(501));
  await expect(cancel.getByRole("alert")).toHaveText("Keep the reason to 500 characters.");
  // The API refuses it too, with a code and a sentence, and nothing changes.
  const tooLong = await desk.post(`/api/v1/organizer/sessions/${accepted.id}/cancel`, { data: { reason: "x".repeat(10_000) } });
  expect(tooLong.status()).toBe(422);
  expect(((await tooLong.json()) as { error: { message: string } }).error.message).toMatch(/500 characters/);

  const reason = `Hall A closes early for a keynote rehearsal ${Date.now().toString(36)}`;
  await cancel.getByLabel("Reason (sent to both)").fill(reason);
  if (SHOTS) await shoot(page, "organizer-acts-cancel");
  await cancel.getByRole("button", { name: "Cancel the session" }).click();
  await expect(row).toHaveAttribute("data-status", "CANCELLED");
  await expect(row).toContainText(`Reason: ${reason}`);
  await expect(row.getByRole("button", { name: "Cancel for them" })).toHaveCount(0);
  await expect(audit).toContainText(`cancelled a session for its attendees — ${reason}`);
  await expect(audit).toContainText(`moved a session from table ${fromTable.label} to table ${toLabel}`);

  const cancelled = await json<SessionView>(await guest.request.get(`/api/v1/sessions/${accepted.id}`));
  expect(cancelled.status).toBe("CANCELLED");
  expect(cancelled.closedReason).toBe(reason);

  // Acting on it again is refused with a code the desk shows as a sentence.
  const again = await desk.post(`/api/v1/organizer/sessions/${accepted.id}/cancel`, { data: { reason: "twice" } });
  expect(again.status()).toBe(409);

  await expert.close();
  await guest.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const [w, h] of [
    [375, 812],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

import type { APIRequestContext } from "@playwright/test";
import { testEngine } from "@/lib/testing/killable-engines";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, json, labContainers, person, signInContext, test, typeLine } from "./fixtures";

/**
 * A walk-up into the slot that is running, then the session itself: "Meet now" on Available now,
 * the expert accepts live, both say "We're here", and both open the session's one lab and type in
 * the same shell. The lab runs on one of two backing hosts (the server's own engine is drained);
 * that host's dockerd is killed, and both see their lab's machine stop answering and a new lab
 * start on the other host, and type there. The organizer first stretches the mingle hours over the whole day, so there is a
 * running slot whenever this runs (this file runs last: the other specs expect the demo hours).
 * The server runs with BOOKING_WALKUP_MIN_MINUTES=1 (playwright.config.ts).
 */
test.setTimeout(300_000);

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: also take screenshots

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

type Host = { id: string; name: string; engineUrl: string; implicit: boolean; state: string };

test("walk up now: Meet now, accepted live, both check in and share the session's lab; its host dies and both follow it to another", async ({ browser, request }) => {
  const organizer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  await stretchMingleHours(organizer.request);
  const engines = [testEngine(`e2e-fa-${process.pid}`, { runsc: false }), testEngine(`e2e-fb-${process.pid}`, { runsc: false })];

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

    // --- the organizer puts two backing hosts in the pool and drains this server's own engine -------
    await Promise.all(engines.map((e) => e.start({ clean: true })));
    for (const e of engines)
      await json(await organizer.request.post("/api/v1/organizer/hosts", { data: { name: e.name, engineUrl: e.url, maxLabs: 5, maxMemoryMb: 2048, maxCpus: 4 } }), 201);
    const local = (await json<{ hosts: Host[] }>(await organizer.request.get("/api/v1/organizer/hosts"))).hosts.find((h) => h.implicit)!;
    await json(await organizer.request.post(`/api/v1/organizer/hosts/${local.id}/drain`, { data: { move: false } }));

    // --- both open the session's lab: one lab, one shell, both type ------------------------------
    await adaCard.getByRole("button", { name: "Open lab" }).click();
    await ada.page.waitForURL(/\/labs\/[A-Za-z0-9_-]+$/, { timeout: 30_000 });
    const labId = new URL(ada.page.url()).pathname.split("/").pop()!;
    await expect(ada.page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 60_000 });
    await typeLine(ada.page, "echo ada-$((20+22))");
    await expect(ada.page.getByTestId("terminal-text")).toContainText("ada-42");
    // The session's lab is recorded, and says so.
    await expect(ada.page.getByTestId("recording-badge")).toHaveAttribute("data-state", "recording");
    if (SHOTS) {
      await ada.page.screenshot({ path: `${SHOTS}/lab_recording-1440.png` });
      await ada.page.setViewportSize({ width: 375, height: 800 });
      await ada.page.screenshot({ path: `${SHOTS}/lab_recording-375.png` });
      await ada.page.setViewportSize({ width: 1280, height: 720 });
    }

    await expertCard.getByRole("button", { name: "Open lab" }).click();
    await expert.page.waitForURL(`**/labs/${labId}`, { timeout: 30_000 });
    await expect(expert.page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 60_000 });
    await expect(expert.page.getByTestId("lab-terminal")).toHaveAttribute("data-can-type", "true");
    await expect(expert.page.getByTestId("terminal-text")).toContainText("ada-42");
    await typeLine(expert.page, "echo expert-$((6*7))");
    await expect(ada.page.getByTestId("terminal-text")).toContainText("expert-42");

    // --- the lab's host dies: both are told, and follow the session's new lab on the other host ----
    const holding = [];
    for (const e of engines) if ((await labContainers(labId, e.url)).length > 0) holding.push(e);
    expect(holding, "the session lab runs on one backing host, not on the drained local engine").toHaveLength(1);
    const dying = holding[0]!;
    const other = engines.find((e) => e !== dying)!;
    await dying.kill();
    for (const p of [ada.page, expert.page]) {
      await expect(p.getByTestId("lab-replaced-reason")).toContainText(`Your lab's machine stopped answering; a new lab is starting on ${other.name}`, { timeout: 30_000 });
      await expect(p.getByTestId("lab-replaced-reason")).toContainText("files in /home/lab were lost");
    }
    if (SHOTS) await ada.page.screenshot({ path: `${SHOTS}/lab_failover-1440.png`, fullPage: true });
    await ada.page.getByTestId("lab-replacement-link").click();
    await ada.page.waitForURL((u) => /\/labs\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith(labId), { timeout: 30_000 });
    const newLabId = new URL(ada.page.url()).pathname.split("/").pop()!;
    await expect(ada.page.getByTestId("lab-terminal")).toHaveAttribute("data-status", "connected", { timeout: 60_000 });
    await typeLine(ada.page, "echo again-$((40+2))");
    await expect(ada.page.getByTestId("terminal-text")).toContainText("again-42");
    await expert.page.getByTestId("lab-replacement-link").click();
    await expert.page.waitForURL(`**/labs/${newLabId}`, { timeout: 30_000 });
    await expect(expert.page.getByTestId("lab-terminal")).toHaveAttribute("data-can-type", "true", { timeout: 60_000 });
    await expect(expert.page.getByTestId("terminal-text")).toContainText("again-42");
    expect(await labContainers(newLabId, other.url)).not.toHaveLength(0);
    await expert.page.getByTestId(`stop-lab-${newLabId}`).click();
    await expect.poll(async () => (await labContainers(newLabId, other.url)).length, { timeout: 30_000 }).toBe(0);

    // --- both labs' terminals replay on the session's recap page: one recording per lab -------------
    await ada.page.goto("/recap");
    await ada.page.getByRole("link", { name: title }).first().click();
    const recordings = ada.page.getByRole("region", { name: "Lab recording" }).getByTestId("recording");
    await expect(recordings).toHaveCount(2);
    await recordings.first().getByTestId("recording-player").click();
    await expect(recordings.first()).toContainText("ada-42", { timeout: 20_000 });
  } finally {
    for (const p of [expert, ada]) await p.context.close();
    // The pool as the other specs expect it: the local engine alone, active.
    const hosts = (await json<{ hosts: Host[] }>(await organizer.request.get("/api/v1/organizer/hosts")).catch(() => ({ hosts: [] as Host[] }))).hosts;
    for (const h of hosts) {
      if (h.implicit) await organizer.request.post(`/api/v1/organizer/hosts/${h.id}/activate`);
      else {
        await organizer.request.post(`/api/v1/organizer/hosts/${h.id}/drain`, { data: { move: false } });
        await organizer.request.delete(`/api/v1/organizer/hosts/${h.id}`);
      }
    }
    await organizer.close();
    await Promise.all(engines.map((e) => e.stop().catch(() => undefined)));
  }
});

import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { CastWriter, parseCast } from "@/lib/recordings/asciicast";
import { DEMO_PASSWORD, ORGANIZER_EMAIL, expect, json, person, signInContext, test } from "./fixtures";
import { pastSession, withClient } from "./past-session";

/**
 * A session's lab recording on its recap page: before the lab, either person can turn recording off
 * on the session page (and the one who did, on again); the recording (written to the database as the
 * recorder leaves it: lib/recordings/recordings.int.test.ts records a real lab) replays in
 * asciinema-player under the app's CSP, and downloads as a .cast; nobody else gets it, organizers
 * included.
 */
const SHOTS = process.env.E2E_SCREENSHOTS; // a directory: also take screenshots

/** A recording of a short shell session, as the recorder writes it: header and output events, one chunk. */
async function seedRecording(sessionId: string): Promise<{ id: string; labId: string }> {
  const w = new CastWriter({ maxBytes: 1 << 20 });
  const file = [
    w.header({ width: 80, height: 12, timestamp: Date.now() / 1000 }),
    w.data(0.2, "o", Buffer.from("~ $ ")),
    w.data(0.6, "o", Buffer.from("echo replayed-$((6*7))")),
    w.data(1.0, "o", Buffer.from("\r\nreplayed-42\r\n~ $ ")),
  ].join("");
  const id = `e2e-rec-${Date.now().toString(36)}`;
  const labId = `e2e-lab-${Date.now().toString(36)}`;
  await withClient(async (c) => {
    await c.query(
      `INSERT INTO "TerminalRecording" (id, "labId", "sessionId", "startedAt", "endedAt", bytes) VALUES ($1, $2, $3, now() - interval '10 minutes', now() - interval '9 minutes', $4)`,
      [id, labId, sessionId, Buffer.byteLength(file)],
    );
    await c.query(`INSERT INTO "TerminalRecordingChunk" ("recordingId", seq, data) VALUES ($1, 0, $2)`, [id, Buffer.from(file)]);
  });
  return { id, labId };
}

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("a session's two people choose recording before the lab, replay it on the recap and download the .cast; nobody else can", async ({ browser, request }) => {
  const ada = await person(browser, request, "rec-ada");
  const bob = await person(browser, request, "rec-bob");
  const eve = await person(browser, request, "rec-eve");
  const organizer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInContext(organizer, ORGANIZER_EMAIL, DEMO_PASSWORD);
  try {
    const offer = await json<{ id: string }>(
      await bob.api.post("/api/v1/offers", { data: { title: "Recorded: cgroups by hand", description: "Watch the limits bite.", tags: ["linux"], labTemplate: "shell" } }),
      201,
    );
    const sessionId = await pastSession(ada.user.email, bob.user.email, offer.id);

    // --- before the lab: Bob turns recording off, Ada cannot undo his "no", Bob turns it on again ----
    await bob.page.goto(`/sessions/${sessionId}`);
    const bobToggle = bob.page.getByTestId("recording-toggle");
    await expect(bobToggle).toHaveAttribute("data-enabled", "true");
    await bobToggle.getByRole("checkbox", { name: /Record the lab's terminal/ }).click();
    await expect(bobToggle).toHaveAttribute("data-enabled", "false");
    await expect(bobToggle).toContainText("Turned off by you.");
    await ada.page.goto(`/sessions/${sessionId}`);
    const adaToggle = ada.page.getByTestId("recording-toggle");
    await expect(adaToggle).toContainText(`Turned off by ${bob.user.name}.`);
    await expect(adaToggle.getByRole("checkbox")).toBeDisabled();
    await bobToggle.getByRole("checkbox").click();
    await expect(bobToggle).toHaveAttribute("data-enabled", "true");

    // --- the recording replays on the recap page --------------------------------------------------
    const rec = await seedRecording(sessionId);
    const violations = cspViolations(ada.page);
    await ada.page.goto(`/recap/${sessionId}`);
    const section = ada.page.getByRole("region", { name: "Lab recording" });
    await expect(section).toBeVisible();
    await expect(section).toContainText("Only the two of you can replay or download it.");
    const player = section.getByTestId("recording-player");
    await expect(player.locator(".ap-player")).toBeVisible({ timeout: 15_000 });
    await player.click();
    await expect(player).toContainText("replayed-42", { timeout: 15_000 });
    if (SHOTS) {
      await ada.page.screenshot({ path: `${SHOTS}/recording-replay-1440.png`, fullPage: true });
      await ada.page.setViewportSize({ width: 375, height: 800 });
      await expect(player).toContainText("replayed-42");
      await ada.page.screenshot({ path: `${SHOTS}/recording-replay-375.png`, fullPage: true });
      await ada.page.setViewportSize({ width: 1280, height: 720 });
    }
    expect(violations, "no CSP violation while the player runs").toEqual([]);

    const download = ada.page.waitForEvent("download");
    await section.getByRole("link", { name: "Download recording (.cast)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`mingle-lab-${rec.labId}.cast`);
    const cast = parseCast(await readFile((await file.path())!, "utf8"));
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 12 });
    expect(cast.events.map((e) => e[2]).join("")).toContain("replayed-42");

    // Begun: the choice is fixed, for both.
    await bob.page.reload();
    await expect(bobToggle).toContainText("Recording has begun");
    await expect(bobToggle.getByRole("checkbox")).toBeDisabled();

    // --- nobody else: not Eve, not the organizer; the same sentence as for no recording at all ------
    for (const api of [eve.api, organizer.request]) {
      const refused = await api.get(`/api/v1/recordings/${rec.id}/cast`);
      expect(refused.status()).toBe(404);
      expect((await refused.json()).error.message).toBe("No such recording, or it is not yours: only the session's two people can replay or download it.");
      expect(await (await api.get(`/api/v1/recordings/no-such-recording/cast`)).json()).toEqual(await (await api.get(`/api/v1/recordings/${rec.id}/cast`)).json());
      expect((await api.get(`/api/v1/sessions/${sessionId}/recordings`)).status()).toBe(404);
    }
    await eve.page.goto(`/recap/${sessionId}`);
    await expect(eve.page.getByRole("region", { name: "Lab recording" })).toHaveCount(0);
  } finally {
    for (const p of [ada, bob, eve]) await p.context.close();
    await organizer.close();
  }
});

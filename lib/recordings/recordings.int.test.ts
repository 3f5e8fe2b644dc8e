import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import type { Engine } from "@/lib/docker/engine";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { labRepo } from "@/lib/labs/repo";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import type { TerminalViewer } from "@/lib/labs/terminal-options";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { loadTemplates } from "@/lib/labs/templates";
import { asAttendee, clockedBooking, createConference, createPeople, type World } from "@/lib/testing/booking-fixtures";
import { ensureTestEngine } from "@/lib/testing/docker";
import { until } from "@/lib/testing/until";
import { parseCast } from "./asciicast";
import { deleteExpiredRecordings } from "./delete-expired-recordings";
import { downloadRecording } from "./download-recording";
import { labRecordingBadge } from "./lab-recording-badge";
import { listSessionRecordings } from "./list-session-recordings";
import type { RecordingDeps } from "./recording-deps";
import { recordingRepo } from "./repo";
import { setSessionRecording } from "./set-session-recording";
import { startRecording } from "./start-recording";
import { TerminalRecorders } from "./terminal-recorders";

// Session labs' terminals recorded on the real engine and database: what was typed and printed is in
// the .cast, keystrokes only when the template allows, nothing when a participant turned it off; only
// the two people get the file; it goes with its session, and after the retention.
const booking = await clockedBooking("recordings");
const db = booking.db;
const { templates } = loadTemplates("labs/templates");
const shell = templates.get("shell")!;
templates.set("shell-keys", { ...shell, name: "shell-keys", recording: { enabled: true, input: true } } satisfies LabTemplate);
templates.set("shell-private", { ...shell, name: "shell-private", recording: { enabled: false, input: false } } satisfies LabTemplate);

let engine: Engine;
let labs: LabEngine;
let world: World;
let ada: UserView;
let bob: UserView;
let eve: UserView;
let organizer: UserView;
let deps: RecordingDeps;
let recorders: TerminalRecorders;
let hubs: TerminalHubs;
const started: string[] = [];

class Viewer implements TerminalViewer {
  chunks: Buffer[] = [];
  constructor(readonly id: string) {}
  readonly canType = true;
  output(data: Buffer): void {
    this.chunks.push(data);
    setImmediate(() => hubs.get(this.labOf)?.ack(this.id, data.length));
  }
  labOf = "";
  ended(): void {}
  get text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

let slot = 0;
/** An agreed session of Ada (requester) and Bob (expert) on an offer with `template`. */
async function session(template: string): Promise<string> {
  const offer = await db.offer.create({ data: { ownerId: bob.id, title: `Lab ${template}`, tags: ["docker"], labTemplate: template }, select: { id: true } });
  const s = await db.mingleSlot.findFirstOrThrow({ where: { conferenceId: world.conferenceId, startsAt: world.tomorrow[slot++]! }, select: { id: true } });
  const row = await db.mingleSession.create({
    data: { conferenceId: world.conferenceId, offerId: offer.id, requesterId: ada.id, expertId: bob.id, slotId: s.id, tableId: world.tableIds[0]!, status: "ACCEPTED" },
    select: { id: true },
  });
  return row.id;
}

/** Launches the session's lab, types `line` in its shared terminal, waits for `expect`, then stops the lab (which ends its recording). */
async function useLab(sessionId: string, template: string, line: string, expectText: string): Promise<string> {
  const r = await labs.launch({ ownerId: ada.id, templateName: template, participantIds: [ada.id, bob.id], sessionId, expiresAt: new Date(Date.now() + 30 * 60_000) });
  if (!r.ok) throw new Error(r.message);
  const labId = r.value.id;
  started.push(labId);
  const viewer = new Viewer(`v-${labId}`);
  viewer.labOf = labId;
  const hub = hubs.hub(labId);
  expect((await hub.attach(viewer, { cols: 100, rows: 30 })).ok).toBe(true);
  await new Promise((res) => setTimeout(res, 300));
  expect(hub.write(viewer.id, `${line}\r`).ok).toBe(true);
  await until(expectText, async () => viewer.text.includes(expectText) || undefined, 15_000, 20);
  await labs.stop(labId);
  await until("recording ended", async () => recorders.get(labId) === undefined || undefined, 10_000, 20);
  return labId;
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  world = await createConference(db, { slug: "recordings", tables: 2 });
  const [a, b, e] = await createPeople(db, "rec", 3);
  ada = asAttendee(a!);
  bob = asAttendee(b!);
  eve = asAttendee(e!);
  const org = await db.user.create({ data: { email: "organizer@recordings.test", name: "Org", role: "ORGANIZER" }, select: { id: true, email: true, name: true } });
  organizer = { ...org, role: "ORGANIZER" };
  labs = createLabServices({ repo: labRepo(db), engine: () => engine, templates: () => templates, maxLabsPerUser: 10, defaultEngineId: "it-recordings" }).labs;
  deps = {
    repo: recordingRepo(db),
    templates: () => templates,
    now: () => new Date(),
    maxBytes: 1024 * 1024,
    retentionDays: 30,
    userName: async (id) => (await db.user.findUnique({ where: { id }, select: { name: true } }))?.name ?? null,
  };
  recorders = new TerminalRecorders({
    start: (labId) => startRecording(deps, labId),
    append: (id, seq, data, patch) => deps.repo.append(id, seq, data, patch),
    end: (id, at) => deps.repo.end(id, at),
    options: { flushMs: 50 },
  });
  recorders.watch((l) => labs.subscribe(l));
  hubs = new TerminalHubs({ openShell: (id, size, o) => labs.attachShell(id, size, o), tap: (labId) => recorders.tap(labId) });
  hubs.watch((l) => labs.subscribe(l));
}, 120_000);

afterAll(async () => {
  hubs?.destroyAll();
  for (const id of started) await labs.stop(id).catch(() => undefined);
  await recorders?.endAll();
  await booking.close();
});

describe("terminal recordings of session labs", () => {
  it("records what the shell printed, with the terminal's size, and not the keystrokes; only the two people get it", async () => {
    const sessionId = await session("shell");
    const labIdBefore = "none";
    expect(await labRecordingBadge(deps, labIdBefore)).toEqual({ state: "none" });
    const labId = await useLab(sessionId, "shell", "echo rec-$((6*7)); stty size", "rec-42");
    expect(await labRecordingBadge(deps, labId)).toEqual({ state: "recording" });

    const list = await listSessionRecordings(deps, ada, sessionId);
    if (!list.ok) throw new Error(list.message);
    expect(list.value.recordings).toHaveLength(1);
    const rec = list.value.recordings[0]!;
    expect(rec).toMatchObject({ labId, input: false, truncated: false, endedAt: expect.any(String) });

    const file = await downloadRecording(deps, bob, rec.id);
    if (!file.ok) throw new Error(file.message);
    expect(file.value).toMatchObject({ contentType: "application/x-asciicast", filename: `mingle-lab-${labId}.cast` });
    expect(Buffer.byteLength(file.value.body)).toBe(rec.bytes);
    const cast = parseCast(file.value.body);
    expect(cast.header).toMatchObject({ version: 2, width: 100, height: 30 });
    const output = cast.events.filter((e) => e[1] === "o");
    const printed = output.map((e) => e[2]).join("");
    expect(printed).toContain("rec-42");
    expect(printed).toMatch(/30 100/);
    expect(cast.events.some((e) => e[1] === "i")).toBe(false);
    const times = cast.events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Eve is not in the session; the organizer is not either: the same 404, as for a recording that does not exist.
    for (const other of [eve, organizer]) {
      const refused = await downloadRecording(deps, other, rec.id);
      expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND", message: expect.stringContaining("only the session's two people") });
      expect(await listSessionRecordings(deps, other, sessionId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await downloadRecording(deps, eve, "no-such-recording")).toEqual(await downloadRecording(deps, eve, rec.id));

    // Fixed once begun.
    expect(await setSessionRecording(deps, bob, sessionId, { enabled: false })).toMatchObject({ ok: false, code: "RECORDING_LOCKED" });
  }, 60_000);

  it("keeps the keystrokes as input events when the template allows it", async () => {
    const sessionId = await session("shell-keys");
    await useLab(sessionId, "shell-keys", "echo keys-$((40+2))", "keys-42");
    const [rec] = (await deps.repo.listForSession(sessionId)) ?? [];
    const cast = parseCast((await deps.repo.content(rec!.id)).toString());
    const typed = cast.events
      .filter((e) => e[1] === "i")
      .map((e) => e[2])
      .join("");
    expect(typed).toBe("echo keys-$((40+2))\r");
    expect(
      cast.events
        .filter((e) => e[1] === "o")
        .map((e) => e[2])
        .join(""),
    ).toContain("keys-42");
  }, 60_000);

  it("records nothing when a participant turned it off before the lab, or the template does not record", async () => {
    const off = await session("shell");
    const r = await setSessionRecording(deps, bob, off, { enabled: false });
    expect(r).toMatchObject({ ok: true, value: { enabled: false, offBy: { id: bob.id, name: "you" }, canChange: true } });
    // Ada cannot turn Bob's "off" back on; Bob can, and off again.
    expect(await setSessionRecording(deps, ada, off, { enabled: true })).toMatchObject({
      ok: false,
      code: "RECORDING_LOCKED",
      message: expect.stringContaining("rec 1 turned recording off"),
    });
    expect(await setSessionRecording(deps, bob, off, { enabled: true })).toMatchObject({ ok: true, value: { enabled: true } });
    expect(await setSessionRecording(deps, ada, off, { enabled: false })).toMatchObject({ ok: true, value: { enabled: false } });
    const labId = await useLab(off, "shell", "echo unrecorded", "unrecorded");
    expect(await deps.repo.byLab(labId)).toBeNull();
    expect(await listSessionRecordings(deps, ada, off)).toEqual({ ok: true, value: { recordings: [] } });
    expect(await labRecordingBadge(deps, labId)).toEqual({ state: "off", reason: "Not recorded: rec 0 turned recording off." });

    const privateSession = await session("shell-private");
    const privateLab = await useLab(privateSession, "shell-private", "echo private", "private");
    expect(await deps.repo.byLab(privateLab)).toBeNull();
    expect(await setSessionRecording(deps, ada, privateSession, { enabled: true })).toMatchObject({ ok: false, code: "RECORDING_LOCKED" });
  }, 90_000);

  it("deletes recordings with their session, and after the retention", async () => {
    const gone = await session("shell");
    await useLab(gone, "shell", "echo bye", "bye");
    const [rec] = await deps.repo.listForSession(gone);
    expect(await db.terminalRecordingChunk.count({ where: { recordingId: rec!.id } })).toBeGreaterThan(0);
    await db.mingleSession.delete({ where: { id: gone } });
    expect(await db.terminalRecording.count({ where: { id: rec!.id } })).toBe(0);
    expect(await db.terminalRecordingChunk.count({ where: { recordingId: rec!.id } })).toBe(0);

    const old = await session("shell");
    await useLab(old, "shell", "echo old", "old");
    const [oldRec] = await deps.repo.listForSession(old);
    const now = new Date();
    expect(await deleteExpiredRecordings({ ...deps, now: () => now })).toBe(0);
    expect(await deleteExpiredRecordings({ ...deps, now: () => new Date(now.getTime() + 31 * 24 * 3600_000) })).toBeGreaterThanOrEqual(1);
    expect(await db.terminalRecording.count({ where: { id: oldRec!.id } })).toBe(0);
    expect(await db.terminalRecordingChunk.count({ where: { recordingId: oldRec!.id } })).toBe(0);
  }, 90_000);
});

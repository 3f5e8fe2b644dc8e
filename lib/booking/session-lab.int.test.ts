import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import { createPrismaClient, type Db } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { statusFor } from "@/lib/http";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { labRepo, type LabRepo } from "@/lib/labs/repo";
import { loadTemplates } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { asAttendee, clockedBooking, createConference, createPeople, makeAvailable } from "@/lib/testing/booking-fixtures";
import { ensureTestEngine } from "@/lib/testing/docker";
import { testLabUseCaseDeps } from "@/lib/testing/lab-use-case-deps";
import { sessionLabLauncher } from "./deps";
import { openLab } from "./open-session-lab";
import { requestSession } from "./request-session";
import { respond } from "./respond-to-request";

// "Open lab" from a session on the real engine and database: both people tapping it at once get
// the same lab, with both as participants and the slot's end (plus grace) as its end of life.
const db = createPrismaClient(process.env.DATABASE_URL);
const { templates } = loadTemplates("labs/templates");
let engine: Engine;
let service: LabEngine;
let store: LabRepo;

/** The labs use cases on `database` (one lab per user). */
const labDeps = (database: Db, labs: LabEngine): LabUseCaseDeps => testLabUseCaseDeps(database, labs, templates, "it-session-lab");

beforeAll(async () => {
  engine = await ensureTestEngine();
  store = labRepo(db);
  service = createLabServices({ repo: store, engine: () => engine, templates: () => templates, maxLabsPerUser: 1, defaultEngineId: "it-session-lab" }).labs;
}, 120_000);

afterAll(async () => {
  for (const lab of await store.listLive("it-session-lab")) await service.stop(lab.id, "test over");
  await db.$disconnect();
});

describe("session labs", () => {
  it("one lab per session, whoever taps first", async () => {
    const stamp = Date.now().toString(36);
    const [ada, bob] = await Promise.all(["ada", "bob"].map((name) => db.user.create({ data: { email: `${name}-${stamp}@session-lab.test`, name }, select: { id: true } })));
    const launcher = sessionLabLauncher(() => labDeps(db, service));
    const sessionId = `session-${stamp}`;
    const expiresAt = new Date(Date.now() + 45 * 60_000);
    const common = { templateName: "shell", participantIds: [ada!.id, bob!.id], sessionId, expiresAt };
    const [first, second] = await Promise.all([launcher.launch({ ...common, ownerId: ada!.id }), launcher.launch({ ...common, ownerId: bob!.id })]);
    expect(first.ok && second.ok).toBe(true);
    const labId = first.ok ? first.value.labId : "";
    expect(second.ok && second.value.labId).toBe(labId);

    const lab = await store.get(labId);
    expect(lab?.sessionId).toBe(sessionId);
    expect(lab?.participantIds).toEqual(expect.arrayContaining([ada!.id, bob!.id]));
    expect(lab?.expiresAt.getTime()).toBe(expiresAt.getTime());
    const live = (await store.listLive("it-session-lab")).filter((l) => l.sessionId === sessionId);
    expect(live).toHaveLength(1);

    await service.stop(labId, "test over");
    expect(await engine.listContainers({ [LABEL.lab]: labId })).toEqual([]);
  });
});

// A booked, accepted session with a lab, on a database of its own and a clock inside the slot.
const booking = await clockedBooking("session_lab_codes");

describe("booking's Open lab answers with the labs slice's codes", () => {
  const { db: bookingDb, clock } = booking;
  const labs = createLabServices({ repo: labRepo(bookingDb), engine: () => engine, templates: () => templates, maxLabsPerUser: 1, defaultEngineId: "it-session-codes" }).labs;
  let ada: UserView;
  let sessionId: string;

  beforeAll(async () => {
    const world = await createConference(bookingDb, { slug: `lab-codes-${Date.now()}`, tables: 1 });
    const [expert, requester] = await createPeople(bookingDb, `lab-codes-${Date.now()}`, 2);
    await bookingDb.offer.update({ where: { id: expert!.offerId }, data: { labTemplate: "shell" } });
    ada = asAttendee(requester!);
    const slot = world.tomorrow[3]!;
    await makeAvailable(bookingDb, world.conferenceId, [expert!.id], [slot]);
    clock.now = DateTime.fromJSDate(slot).minus({ hours: 2 }).toJSDate();
    const requested = await requestSession(booking.deps, ada, { offerId: expert!.offerId, slotStart: slot });
    expect(requested.ok, JSON.stringify(requested)).toBe(true);
    sessionId = requested.ok ? requested.value.id : "";
    expect((await respond(booking.deps, asAttendee(expert!), sessionId, { action: "accept" })).ok).toBe(true);
    clock.now = DateTime.fromJSDate(slot).plus({ minutes: 2 }).toJSDate();
  }, 60_000);

  afterAll(async () => {
    for (const lab of await labRepo(bookingDb).listLive()) await labs.stop(lab.id, "test over");
    await booking.close();
  });

  it("ENGINE_UNAVAILABLE (503) when no engine answers, not CONFLICT", async () => {
    const down: LabUseCaseDeps = {
      ...labDeps(bookingDb, labs),
      engineStatus: async () => ({ ok: false, engine: "x", runtimes: [], reason: "Labs are unavailable: no Docker Engine answers" }),
    };
    const opened = await openLab({ ...booking.deps, labs: sessionLabLauncher(() => down) }, ada, sessionId);
    expect(opened).toMatchObject({ ok: false, code: "ENGINE_UNAVAILABLE", message: "Labs are unavailable: no Docker Engine answers" });
    expect(statusFor("ENGINE_UNAVAILABLE")).toBe(503);
  });

  it("LAB_LIMIT_REACHED (409) when the person already runs a lab, naming it, not CONFLICT", async () => {
    const running = await labs.launch({ ownerId: ada.id, templateName: "shell" });
    expect(running.ok).toBe(true);
    const runningId = running.ok ? running.value.id : "";
    const opened = await openLab({ ...booking.deps, labs: sessionLabLauncher(() => labDeps(bookingDb, labs)) }, ada, sessionId);
    expect(opened).toMatchObject({ ok: false, code: "LAB_LIMIT_REACHED", fields: { labId: runningId } });
    expect(statusFor("LAB_LIMIT_REACHED")).toBe(409);

    // Once it is stopped, the same tap opens the session's lab, ending with the slot plus grace.
    await labs.stop(runningId, "test");
    const again = await openLab({ ...booking.deps, labs: sessionLabLauncher(() => labDeps(bookingDb, labs)) }, ada, sessionId);
    expect(again.ok, JSON.stringify(again)).toBe(true);
    const lab = again.ok ? await labRepo(bookingDb).get(again.value.labId) : null;
    expect(lab?.sessionId).toBe(sessionId);
    expect(lab?.expiresAt.toISOString()).toBe(again.ok ? again.value.expiresAt : "");
  });
});

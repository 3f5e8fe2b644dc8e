import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import { asAttendee, clockedBooking, createConference, createPeople, makeAvailable, type World } from "@/lib/testing/booking-fixtures";
import { cancel } from "./cancel-session";
import { checkIn } from "./check-in";
import { sweep } from "./jobs";
import { organizerCancel } from "./organizer-cancel";
import { organizerReassignTable } from "./organizer-reassign-table";
import { requestSession } from "./request-session";
import { reschedule } from "./reschedule-session";
import { respond } from "./respond-to-request";
import { saveFeedback } from "./save-feedback";
import { getSessionHistory } from "./session-history";

// Every change of a session leaves a history entry (who, what, from → to) in the same transaction,
// on the real database with a clock the test moves; only its two people and organizers read it.
const { db, deps, clock, close } = await clockedBooking("session_history");
let world: World;
let ada: UserView;
let bob: UserView;
let eve: UserView;
let org: UserView;
let offerId: string;

beforeAll(async () => {
  world = await createConference(db, { slug: `history-${Date.now()}`, tables: 3 });
  const [expert, requester, stranger, organizer] = await createPeople(db, `history-${Date.now()}`, 4);
  bob = asAttendee(expert!);
  ada = asAttendee(requester!);
  eve = asAttendee(stranger!);
  org = { ...asAttendee(organizer!), role: "ORGANIZER" };
  offerId = expert!.offerId;
  await makeAvailable(db, world.conferenceId, [bob.id], world.tomorrow.slice(0, 12));
  clock.now = DateTime.fromJSDate(world.tomorrow[0]!).minus({ hours: 3 }).toJSDate();
}, 60_000);

afterAll(close);

async function request(slot: number): Promise<string> {
  const r = await requestSession(deps, ada, { offerId, slotStart: world.tomorrow[slot]! });
  if (!r.ok) throw new Error(r.message);
  return r.value.id;
}

async function trail(sessionId: string) {
  const rows = await db.sessionEvent.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { actorId: true, action: true, fromStatus: true, toStatus: true, details: true },
  });
  return rows.map((r) => ({ actor: r.actorId, action: r.action, from: r.fromStatus, to: r.toStatus, details: r.details }));
}

describe("the session's history", () => {
  it("request, propose, accept, reschedule, desk table move and desk cancel: each with actor and from → to", async () => {
    const id = await request(0);
    expect((await respond(deps, bob, id, { action: "propose", slotStart: world.tomorrow[1]! })).ok).toBe(true);
    expect((await respond(deps, ada, id, { action: "accept" })).ok).toBe(true);
    const moved = await reschedule(deps, ada, id, { slotStart: world.tomorrow[2]!, reason: "Talk overran" });
    expect(moved.ok, JSON.stringify(moved)).toBe(true);
    const table = moved.ok ? moved.value.table!.id : "";
    const target = world.tableIds.find((t) => t !== table)!;
    expect((await organizerReassignTable(deps, org, id, { tableId: target })).ok).toBe(true);
    expect((await organizerCancel(deps, org, id, { reason: "Venue closed" })).ok).toBe(true);

    expect(await trail(id)).toEqual([
      { actor: ada.id, action: "request", from: null, to: "PENDING", details: {} },
      { actor: bob.id, action: "propose", from: "PENDING", to: "PENDING", details: { fromStart: world.tomorrow[0]!.toISOString(), toStart: world.tomorrow[1]!.toISOString() } },
      { actor: ada.id, action: "accept", from: "PENDING", to: "ACCEPTED", details: { toTable: expect.stringMatching(/^T\d$/) } },
      {
        actor: ada.id,
        action: "reschedule",
        from: "ACCEPTED",
        to: "ACCEPTED",
        details: expect.objectContaining({ fromStart: world.tomorrow[1]!.toISOString(), toStart: world.tomorrow[2]!.toISOString(), reason: "Talk overran" }),
      },
      { actor: org.id, action: "reassign_table", from: "ACCEPTED", to: "ACCEPTED", details: expect.objectContaining({ toTable: expect.stringMatching(/^T\d$/) }) },
      { actor: org.id, action: "organizer_cancel", from: "ACCEPTED", to: "CANCELLED", details: { reason: "Venue closed" } },
    ]);
    // The desk's own trail keeps its entries too.
    expect(await db.auditEntry.count({ where: { subjectId: id } })).toBe(2);
  });

  it("decline, withdraw and cancel by participants", async () => {
    const declined = await request(3);
    expect((await respond(deps, bob, declined, { action: "decline", reason: "Not my topic" })).ok).toBe(true);
    const withdrawn = await request(4);
    expect((await cancel(deps, ada, withdrawn, {})).ok).toBe(true);
    const cancelled = await request(5);
    expect((await respond(deps, bob, cancelled, { action: "accept" })).ok).toBe(true);
    expect((await cancel(deps, bob, cancelled, { reason: "Sick" })).ok).toBe(true);

    expect((await trail(declined)).at(-1)).toEqual({ actor: bob.id, action: "decline", from: "PENDING", to: "DECLINED", details: { reason: "Not my topic" } });
    expect((await trail(withdrawn)).at(-1)).toEqual({ actor: ada.id, action: "withdraw", from: "PENDING", to: "CANCELLED", details: {} });
    expect((await trail(cancelled)).at(-1)).toEqual({ actor: bob.id, action: "cancel", from: "ACCEPTED", to: "CANCELLED", details: { reason: "Sick" } });
  });

  it("an expiry by the sweeper is recorded with no actor", async () => {
    const id = await request(6);
    const before = clock.now;
    clock.now = new Date(before.getTime() + 2 * 60 * 60_000); // past the 60-minute hold
    expect((await sweep(deps)).expired).toBeGreaterThanOrEqual(1);
    clock.now = before;
    expect((await trail(id)).at(-1)).toEqual({ actor: null, action: "expire", from: "PENDING", to: "EXPIRED", details: {} });
  });

  it("check-in (the first tap only) and feedback, without the note's text", async () => {
    const id = await request(7);
    expect((await respond(deps, bob, id, { action: "accept" })).ok).toBe(true);
    const before = clock.now;
    clock.now = DateTime.fromJSDate(world.tomorrow[7]!).plus({ minutes: 1 }).toJSDate();
    expect((await checkIn(deps, ada, id)).ok).toBe(true);
    expect((await checkIn(deps, ada, id)).ok).toBe(true);
    clock.now = DateTime.fromJSDate(world.tomorrow[7]!).plus({ minutes: 30 }).toJSDate();
    expect((await saveFeedback(deps, ada, id, { happened: true, rating: 5, note: "private thanks" })).ok).toBe(true);
    clock.now = before;
    const t = await trail(id);
    expect(t.filter((e) => e.action === "check_in")).toEqual([{ actor: ada.id, action: "check_in", from: "ACCEPTED", to: "ACCEPTED", details: {} }]);
    expect(t.at(-1)).toEqual({ actor: ada.id, action: "feedback", from: "ACCEPTED", to: "ACCEPTED", details: { happened: true, rating: 5, note: true } });
    expect(JSON.stringify(t)).not.toContain("private thanks");
  });

  it("reads as sentences in the viewer's zone, for its two people and organizers only", async () => {
    const id = await request(8);
    expect((await respond(deps, bob, id, { action: "accept" })).ok).toBe(true);
    const seen = await getSessionHistory(deps, ada, id, "Asia/Tokyo");
    expect(seen.ok).toBe(true);
    const entries = seen.ok ? seen.value.entries : [];
    expect(entries.map((e) => [e.action, e.actor?.id ?? null, e.from, e.to])).toEqual([
      ["request", ada.id, null, "PENDING"],
      ["accept", bob.id, "PENDING", "ACCEPTED"],
    ]);
    expect(entries[1]!.text).toMatch(new RegExp(`^${bob.name} accepted the request — table T\\d$`));
    const tokyo = DateTime.fromISO(entries[0]!.at).setZone("Asia/Tokyo").toFormat("HH:mm");
    expect(entries[0]!.atLabel).toContain(tokyo);
    expect((await getSessionHistory(deps, org, id)).ok).toBe(true);
    expect(await getSessionHistory(deps, eve, id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("moving a session to another table", () => {
  it("refuses a table with fewer seats than a session needs: 409 TABLE_TOO_SMALL, nothing changed", async () => {
    const id = await request(9);
    const accepted = await respond(deps, bob, id, { action: "accept" });
    expect(accepted.ok).toBe(true);
    const area = await db.mingleArea.findFirstOrThrow({ where: { conferenceId: world.conferenceId }, select: { id: true } });
    const stool = await db.table.create({ data: { areaId: area.id, label: "Stool", seats: 1 }, select: { id: true } });
    const r = await organizerReassignTable(deps, org, id, { tableId: stool.id });
    expect(r).toMatchObject({ ok: false, code: "TABLE_TOO_SMALL", message: "Table Stool has 1 seat; a session needs 2. Pick a larger table." });
    const row = await db.mingleSession.findUniqueOrThrow({ where: { id }, select: { tableId: true, sequence: true } });
    expect(row.tableId).toBe(accepted.ok ? accepted.value.table!.id : "");
    expect((await trail(id)).map((e) => e.action)).toEqual(["request", "accept"]);
  });
});

import { describe, expect, it } from "vitest";
import { ok, fail } from "@/lib/errors";
import type { UserView } from "@/lib/auth/schema";
import type { BookingRepo, SessionDetail, TableRow } from "./repo";
import { respond, requestSession, sweep, type BookingDeps, type NotificationInput } from "./service";

/** Service behaviour with plain fakes: the database's refusals are simulated by the fake repo. */
const NOW = new Date("2030-04-18T09:00:00Z");
const SLOT = { id: "slot-1", conferenceId: "conf", startsAt: new Date("2030-04-18T10:00:00Z"), endsAt: new Date("2030-04-18T10:20:00Z") };
const ada: UserView = { id: "ada", email: "ada@x.test", name: "Ada", role: "ATTENDEE" };
const bob: UserView = { id: "bob", email: "bob@x.test", name: "Bob", role: "ATTENDEE" };
const carol: UserView = { id: "carol", email: "carol@x.test", name: "Carol", role: "ATTENDEE" };

const TABLES: TableRow[] = [
  { id: "t2", label: "T2", seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" },
  { id: "t1", label: "T1", seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" },
];

function pending(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: "s1",
    conferenceId: "conf",
    conferenceTimeZone: "UTC",
    conferenceName: "Conf",
    requesterId: "ada",
    expertId: "bob",
    status: "PENDING",
    awaiting: "EXPERT",
    slotId: SLOT.id,
    slotStartUtc: SLOT.startsAt,
    slotEndUtc: SLOT.endsAt,
    tableId: null,
    holdExpiresAt: new Date("2030-04-18T09:30:00Z"),
    proposalCount: 0,
    sequence: 0,
    closedReason: null,
    closedById: null,
    message: null,
    offer: { id: "o1", title: "Swarm secrets", labTemplate: null },
    requester: { id: "ada", name: "Ada", email: "ada@x.test" },
    expert: { id: "bob", name: "Bob", email: "bob@x.test" },
    table: null,
    feedback: [],
    updatedAt: NOW,
    ...overrides,
  };
}

function setup(repo: Partial<BookingRepo>) {
  const notes: { userId: string; n: NotificationInput }[] = [];
  const emitted: string[] = [];
  const deps: BookingDeps = {
    repo: repo as BookingRepo,
    notifier: { notify: async (userId, n) => void notes.push({ userId, n }) },
    events: { toUser: (userId, event) => void emitted.push(`${event}:${userId}`), toAll: (event) => void emitted.push(event) },
    labs: null,
    now: () => NOW,
    newId: () => "new-id",
    newToken: () => "token",
    config: { holdMinutes: 60, maxPending: 3, walkupMinutes: 10, labGraceMinutes: 15, publicUrl: "http://127.0.0.1:3000" },
  };
  return { deps, notes, emitted };
}

describe("accept", () => {
  it("tries the next table when the first one was taken meanwhile (TABLE_TAKEN), then tells the requester", async () => {
    let row = pending();
    const writes: (string | null)[] = [];
    const { deps, notes, emitted } = setup({
      session: async () => row,
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async (t) => {
        writes.push(t.next.tableId);
        if (t.next.tableId === "t1") return fail("TABLE_TAKEN", "taken");
        row = { ...row, ...t.next, table: { id: "t2", label: "T2", area: { id: "a", name: "Hall A", location: "Level 1" } } };
        return ok(undefined);
      },
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r.ok && r.value.table?.label).toBe("T2");
    expect(writes).toEqual(["t1", "t2"]); // natural order first, then the next free one
    expect(notes).toEqual([expect.objectContaining({ userId: "ada", n: expect.objectContaining({ kind: "REQUEST_ACCEPTED" }) })]);
    expect(emitted).toEqual(["booking:changed:ada", "booking:changed:bob", "availability:changed"]);
  });

  it("keeps going through lost table races however many people accept at once, until a table is free", async () => {
    const many: TableRow[] = Array.from({ length: 40 }, (_, i) => ({ id: `t${i + 1}`, label: `T${i + 1}`, seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" }));
    let row = pending();
    const writes: (string | null)[] = [];
    const { deps } = setup({
      session: async () => row,
      tables: async () => many,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async (t) => {
        writes.push(t.next.tableId);
        // 30 other experts won the first 30 tables a moment earlier.
        if (writes.length <= 30) return fail("TABLE_TAKEN", "taken");
        row = { ...row, ...t.next, table: { id: t.next.tableId!, label: "T31", area: { id: "a", name: "Hall A", location: "Level 1" } } };
        return ok(undefined);
      },
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r.ok && r.value.table?.label).toBe("T31");
    expect(new Set(writes).size).toBe(31);
  });

  it("says NO_TABLE_FREE once every table was lost to someone else", async () => {
    const { deps } = setup({
      session: async () => pending(),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async () => fail("TABLE_TAKEN", "taken"),
    });
    expect(await respond(deps, bob, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
  });

  it("a lost compare-and-set re-reads the row and reports what happened (declined meanwhile → NOT_PENDING)", async () => {
    let reads = 0;
    const { deps, notes } = setup({
      session: async () => (reads++ === 0 ? pending() : pending({ status: "DECLINED", holdExpiresAt: null, sequence: 1 })),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async () => fail("STALE_STATE", "stale"),
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r).toMatchObject({ ok: false, code: "NOT_PENDING" });
    expect(notes).toEqual([]);
  });

  it("someone else's request is refused before any table is looked at", async () => {
    const { deps } = setup({ session: async () => pending() });
    expect(await respond(deps, carol, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NOT_YOUR_REQUEST" });
  });

  it("no free table → NO_TABLE_FREE", async () => {
    const { deps } = setup({
      session: async () => pending(),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(["t1", "t2"]),
      preferredAreaId: async () => null,
    });
    expect(await respond(deps, bob, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
  });
});

describe("request", () => {
  const conference = {
    id: "conf",
    name: "Conf",
    timeZone: "UTC",
    startDate: new Date("2030-04-18T00:00:00Z"),
    endDate: new Date("2030-04-18T00:00:00Z"),
    slotMinutes: 20,
    hours: [{ day: "2030-04-18", opensAt: "08:00", closesAt: "18:00" }],
  };
  const base = (seat: "requester" | "expert"): Partial<BookingRepo> => ({
    currentConference: async () => conference,
    offer: async () => ({ id: "o1", ownerId: "bob", title: "Swarm", active: true, hidden: false, labTemplate: null }),
    slotAt: async () => SLOT,
    isAvailable: async () => true,
    createRequest: async () => fail("SEAT_TAKEN", "seat"),
    hasSeat: async (userId) => (seat === "requester" ? userId === "ada" : userId === "bob"),
  });

  it("a seat conflict is PERSON_BUSY when the requester is busy, SLOT_TAKEN when the expert is", async () => {
    const input = { offerId: "o1", slotStart: SLOT.startsAt };
    expect(await requestSession(setup(base("requester")).deps, ada, input)).toMatchObject({ ok: false, code: "PERSON_BUSY" });
    expect(await requestSession(setup(base("expert")).deps, ada, input)).toMatchObject({ ok: false, code: "SLOT_TAKEN" });
  });

  it("refuses a slot the expert has not marked free, and the expert's own offer", async () => {
    const { deps } = setup({ ...base("expert"), isAvailable: async () => false });
    expect(await requestSession(deps, ada, { offerId: "o1", slotStart: SLOT.startsAt })).toMatchObject({ code: "EXPERT_NOT_AVAILABLE" });
    expect(await requestSession(deps, bob, { offerId: "o1", slotStart: SLOT.startsAt })).toMatchObject({ code: "CANNOT_BOOK_SELF" });
  });

  it("passes the pending count to the rule: at the limit the request is refused with the limit in the message", async () => {
    const { deps } = setup({ ...base("expert"), createRequest: async (_input, _now, build) => {
      const built = build(3);
      return built.ok ? ok({ id: built.value.id, expired: [] }) : built;
    } });
    const r = await requestSession(deps, ada, { offerId: "o1", slotStart: SLOT.startsAt });
    expect(r).toMatchObject({ ok: false, code: "PENDING_LIMIT_REACHED" });
    expect(!r.ok && r.message).toMatch(/the limit is 3/);
  });
});

describe("sweep", () => {
  it("expires lapsed holds and sends each 15-minute reminder once per process", async () => {
    const { deps, notes, emitted } = setup({
      expireLapsed: async () => [{ id: "s9", requesterId: "ada", expertId: "bob" }],
      acceptedStartingBetween: async () => [
        { id: "s1", requesterId: "ada", expertId: "bob", sequence: 1, startsAt: new Date(NOW.getTime() + 10 * 60_000), offerTitle: "Swarm", tableLabel: "T1", areaName: "Hall A" },
      ],
    });
    const sent = new Set<string>();
    expect(await sweep(deps, sent)).toEqual({ expired: 1, reminded: 2 });
    expect(await sweep(deps, sent)).toEqual({ expired: 1, reminded: 0 });
    expect(notes.map((x) => [x.userId, x.n.kind, x.n.title])).toEqual([
      ["ada", "SESSION_SOON", "Your Mingle session starts in 10 minutes"],
      ["bob", "SESSION_SOON", "Your Mingle session starts in 10 minutes"],
    ]);
    expect(emitted).toContain("booking:changed:ada");
  });
});

import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { apiClient, signIn, startAppServer, type ApiResult, type AppServer } from "@/lib/testing/app-server";
import { freshDatabase } from "@/lib/testing/database";
import { createConference, createPeople, DOUBLE_BOOKINGS_SQL, FIXTURE_PASSWORD, makeAvailable, type FixturePerson, type World } from "@/lib/testing/booking-fixtures";

/**
 * Booking through the real HTTP API (custom server in a child process) on a fresh migrated
 * PostgreSQL: races of 50 clients, bad input, calendars. The database's own constraints are what
 * must hold, checked with SQL at the end.
 */
const PORT = 3800 + (process.pid % 150);
const CLIENTS = 50;

// A database of its own: the server books on "the current conference" (the latest to start), which
// another file's conference could otherwise be, depending on the hour the suite runs.
const database = await freshDatabase("booking_it");
let db: Db;
let server: AppServer;
let world: World;
type Call = ReturnType<typeof apiClient>;
const clients = new Map<string, Call>();

async function as(p: FixturePerson): Promise<Call> {
  let c = clients.get(p.id);
  if (!c) {
    c = apiClient(server.base, await signIn(server.base, p.email, FIXTURE_PASSWORD));
    clients.set(p.id, c);
  }
  return c;
}

async function signInAll(people: FixturePerson[]): Promise<Call[]> {
  const out: Call[] = [];
  for (let i = 0; i < people.length; i += 10) out.push(...(await Promise.all(people.slice(i, i + 10).map(as))));
  return out;
}

type Err = { error: { code: string; message: string } };
type Session = { id: string; status: string; sequence: number; table: { label: string } | null };

function codes(results: ApiResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${(r.body as Err).error?.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function doubleBookings(): Promise<{ personOverlaps: number; tableOverlaps: number }> {
  const rows = await db.$queryRawUnsafe<{ personOverlaps: number; tableOverlaps: number }[]>(DOUBLE_BOOKINGS_SQL);
  return rows[0]!;
}

beforeAll(async () => {
  db = createPrismaClient(database.url);
  // An older conference first, so its slots are "of another conference".
  await createConference(db, { slug: "older", tables: 1, start: DateTime.utc().minus({ years: 1 }) });
  world = await createConference(db, { slug: "current", tables: 3 });
  server = await startAppServer({ port: PORT, databaseUrl: database.url, distDir: ".next-booking-it" });
  // Dev mode compiles each route on first use; compile them before racing.
  const [warm] = await createPeople(db, "warm", 1);
  const call = await as(warm!);
  for (const [m, p] of [
    ["GET", "/api/v1/slots"],
    ["GET", "/api/v1/sessions"],
    ["POST", "/api/v1/sessions"],
    ["GET", "/api/v1/sessions/x"],
    ["POST", "/api/v1/sessions/x/respond"],
    ["POST", "/api/v1/sessions/x/cancel"],
    ["POST", "/api/v1/sessions/x/reschedule"],
    ["GET", "/api/v1/sessions/x/ics"],
    ["GET", "/api/v1/sessions/x/history"],
    ["GET", "/api/v1/calendar-feed"],
    ["GET", "/api/v1/calendar/nonexistent-token-000.ics"],
    ["GET", "/api/v1/available-now"],
    ["GET", "/api/v1/availability"],
  ] as const) {
    await call(m, p, m === "GET" ? undefined : {});
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await database.drop();
});

describe("50 clients aimed at one expert, one slot, one table", () => {
  let expert: FixturePerson;
  let requesters: FixturePerson[];
  let sessionId: string;

  it("50 concurrent requests: exactly one is held, 49 get 409 SLOT_TAKEN with a clear message", async () => {
    expert = (await createPeople(db, "race-expert", 1))[0]!;
    requesters = await createPeople(db, "race-req", CLIENTS);
    const slot = world.tomorrow[0]!;
    await makeAvailable(db, world.conferenceId, [expert!.id], [slot]);
    const calls = await signInAll(requesters);
    const results = await Promise.all(calls.map((call) => call("POST", "/api/v1/sessions", { offerId: expert.offerId, slotStart: slot.toISOString(), message: "Hi!" })));
    expect(codes(results)).toEqual({ "201": 1, "409 SLOT_TAKEN": CLIENTS - 1 });
    const loser = results.find((r) => r.status === 409)!.body as Err;
    expect(loser.error.message).toMatch(/no longer free at that time/);
    sessionId = (results.find((r) => r.status === 201)!.body as Session).id;
  }, 120_000);

  it("50 concurrent accepts of that request: exactly one wins, the others get 409", async () => {
    const call = await as(expert);
    const results = await Promise.all(Array.from({ length: CLIENTS }, () => call("POST", `/api/v1/sessions/${sessionId}/respond`, { action: "accept" })));
    const c = codes(results);
    expect(c["200"]).toBe(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(CLIENTS - 1);
    for (const r of results.filter((x) => x.status === 409)) expect((r.body as Err).error.code).toMatch(/^(NOT_PENDING|STALE_STATE)$/);
    const won = results.find((r) => r.status === 200)!.body as Session;
    expect(won.status).toBe("ACCEPTED");
    expect(won.table?.label).toBe("T1");
  }, 120_000);

  it("a mixed race of requests for the now-booked slot and answers to the accepted session changes nothing", async () => {
    const slot = world.tomorrow[0]!;
    const expertCall = await as(expert);
    const results = await Promise.all([
      ...requesters.slice(0, 25).map(async (p) => (await as(p))("POST", "/api/v1/sessions", { offerId: expert.offerId, slotStart: slot.toISOString() })),
      ...Array.from({ length: 25 }, (_, i) => expertCall("POST", `/api/v1/sessions/${sessionId}/respond`, i % 2 ? { action: "accept" } : { action: "decline" })),
    ]);
    expect(results.every((r) => r.status === 409)).toBe(true);
    const live = await db.mingleSession.count({ where: { slot: { startsAt: slot }, status: { in: ["PENDING", "ACCEPTED"] } } });
    expect(live).toBe(1);
  }, 120_000);
});

describe("50 accepts of different requests competing for the last free table", () => {
  it("exactly one gets the table; 49 get 409 NO_TABLE_FREE; no table holds two sessions", async () => {
    const slot = world.tomorrow[3]!;
    const experts = await createPeople(db, "table-expert", CLIENTS + 2);
    const askers = await createPeople(db, "table-req", CLIENTS + 2);
    await makeAvailable(
      db,
      world.conferenceId,
      experts.map((e) => e.id),
      [slot],
    );
    const expertCalls = await signInAll(experts);
    const askerCalls = await signInAll(askers);
    const ids: string[] = [];
    for (let i = 0; i < experts.length; i++) {
      const r = await askerCalls[i]!<Session>("POST", "/api/v1/sessions", { offerId: experts[i]!.offerId, slotStart: slot.toISOString() });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    // Two of the three tables are taken first.
    for (const i of [0, 1]) expect((await expertCalls[i]!("POST", `/api/v1/sessions/${ids[i]}/respond`, { action: "accept" })).status).toBe(200);
    const results = await Promise.all(ids.slice(2).map((id, i) => expertCalls[i + 2]!("POST", `/api/v1/sessions/${id}/respond`, { action: "accept" })));
    expect(codes(results)).toEqual({ "200": 1, "409 NO_TABLE_FREE": CLIENTS - 1 });
    expect((results.find((r) => r.status === 409)!.body as Err).error.message).toMatch(/Every table is taken/);
    const accepted = await db.mingleSession.findMany({ where: { slot: { startsAt: slot }, status: "ACCEPTED" }, select: { tableId: true } });
    expect(accepted).toHaveLength(3);
    expect(new Set(accepted.map((a) => a.tableId)).size).toBe(3);
  }, 180_000);
});

describe("bad input changes nothing", () => {
  let expert: FixturePerson;
  let asker: FixturePerson;
  let stranger: FixturePerson;
  let before: number;

  beforeAll(async () => {
    const people = await createPeople(db, "bad", 3);
    [expert, asker, stranger] = [people[0]!, people[1]!, people[2]!];
    await makeAvailable(db, world.conferenceId, [expert!.id], world.tomorrow);
    before = await db.mingleSession.count();
  });

  it("a slot outside mingle hours, in the past, of another conference, off the grid: 422 with a reason", async () => {
    const call = await as(asker);
    const tomorrow21 = DateTime.fromJSDate(world.tomorrow[0]!).toUTC().set({ hour: 21 }).toJSDate();
    const other = await db.mingleSlot.findFirst({ where: { conference: { slug: "older" } }, select: { id: true, startsAt: true } });
    const cases: [unknown, string, RegExp][] = [
      [{ offerId: expert.offerId, slotStart: tomorrow21.toISOString() }, "SLOT_OUTSIDE_HOURS", /outside the conference's mingle hours/],
      [{ offerId: expert.offerId, slotStart: world.yesterdayAt10.toISOString() }, "SLOT_IN_PAST", /slot is over/],
      [{ offerId: expert.offerId, slotStart: other!.startsAt.toISOString(), slotId: other!.id }, "SLOT_WRONG_CONFERENCE", /different conference/],
      [{ offerId: expert.offerId, slotStart: new Date(world.tomorrow[0]!.getTime() + 7 * 60_000).toISOString() }, "SLOT_MISALIGNED", /slot grid/],
      [{ offerId: asker.offerId, slotStart: world.tomorrow[1]!.toISOString() }, "CANNOT_BOOK_SELF", /yourself/],
      [{ offerId: expert.offerId, slotStart: "tomorrow at ten" }, "VALIDATION_FAILED", /slotStart/],
    ];
    for (const [body, code, message] of cases) {
      const r = await call<Err>("POST", "/api/v1/sessions", body);
      expect(r.body.error?.code, JSON.stringify(r.body)).toBe(code);
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await db.mingleSession.count()).toBe(before);
  });

  it("accepting someone else's request is 403; a 10,000-character reason is 422; the session is unchanged", async () => {
    const created = await (await as(asker))<Session>("POST", "/api/v1/sessions", { offerId: expert.offerId, slotStart: world.tomorrow[5]!.toISOString() });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const strangerCall = await as(stranger);
    const forbidden = await strangerCall<Err>("POST", `/api/v1/sessions/${id}/respond`, { action: "accept" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("NOT_YOUR_REQUEST");
    // The requester cannot accept their own request either: it is the expert's turn.
    expect((await (await as(asker))<Err>("POST", `/api/v1/sessions/${id}/respond`, { action: "accept" })).body.error.code).toBe("NOT_YOUR_TURN");
    const long = "x".repeat(10_000);
    for (const [path, body] of [
      [`/api/v1/sessions/${id}/respond`, { action: "decline", reason: long }],
      [`/api/v1/sessions/${id}/cancel`, { reason: long }],
    ] as const) {
      const r = await (await as(expert))<Err>("POST", path, body);
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/500 characters/);
    }
    const row = await db.mingleSession.findUniqueOrThrow({ where: { id }, select: { status: true, sequence: true, closedReason: true } });
    expect(row).toEqual({ status: "PENDING", sequence: 0, closedReason: null });
  });
});

describe("calendars", () => {
  it(".ics per session: stable UID, SEQUENCE grows on reschedule, METHOD:CANCEL when cancelled; private feed revocable", async () => {
    const [expert, asker] = await createPeople(db, "cal", 2);
    await makeAvailable(db, world.conferenceId, [expert!.id], world.tomorrow);
    const a = await as(asker!);
    const e = await as(expert!);
    const created = await a<Session>("POST", "/api/v1/sessions", { offerId: expert!.offerId, slotStart: world.tomorrow[10]!.toISOString() });
    const id = created.body.id;
    expect((await e("POST", `/api/v1/sessions/${id}/respond`, { action: "accept" })).status).toBe(200);
    const first = await a<string>("GET", `/api/v1/sessions/${id}/ics`);
    expect(first.status).toBe(200);
    expect(first.body).toContain(`UID:session-${id}@mingle`);
    const seq1 = Number(/SEQUENCE:(\d+)/.exec(first.body)![1]);
    const moved = await a<Session>("POST", `/api/v1/sessions/${id}/reschedule`, { slotStart: world.tomorrow[11]!.toISOString(), reason: "Talk overran" });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const second = await a<string>("GET", `/api/v1/sessions/${id}/ics`);
    expect(Number(/SEQUENCE:(\d+)/.exec(second.body)![1])).toBeGreaterThan(seq1);
    expect(second.body).toContain("METHOD:REQUEST");

    const feed = await a<{ url: string }>("POST", "/api/v1/calendar-feed");
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url).pathname;
    const anonymous = await fetch(`${server.base}${path}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("content-type")).toMatch(/text\/calendar/);
    expect(await anonymous.text()).toContain(`UID:session-${id}@mingle`);

    const cancelled = await e<Session>("POST", `/api/v1/sessions/${id}/cancel`, { reason: "Sick, sorry" });
    expect(cancelled.body.status).toBe("CANCELLED");
    const third = await a<string>("GET", `/api/v1/sessions/${id}/ics`);
    expect(third.body).toContain("METHOD:CANCEL");

    expect((await a("DELETE", "/api/v1/calendar-feed")).status).toBe(204);
    expect((await fetch(`${server.base}${path}`)).status).toBe(404);
  });
});

describe("contact details follow one rule; the history is there for both", () => {
  it("a pending request's .ics has no e-mail of the expert, as the profile API; once accepted both have it", async () => {
    const [expert, asker, stranger] = await createPeople(db, "privacy", 3);
    await makeAvailable(db, world.conferenceId, [expert!.id], world.tomorrow);
    const a = await as(asker!);
    const e = await as(expert!);
    const created = await a<Session>("POST", "/api/v1/sessions", { offerId: expert!.offerId, slotStart: world.tomorrow[20]!.toISOString() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const unfold = (ics: string) => ics.replace(/\r\n /g, "");

    const pendingIcs = await a<string>("GET", `/api/v1/sessions/${id}/ics`);
    expect(pendingIcs.status).toBe(200);
    expect(unfold(pendingIcs.body)).not.toContain(expert!.email);
    expect(unfold(pendingIcs.body)).toContain(`/people/${expert!.id}`);
    expect(unfold(pendingIcs.body)).toContain(`mailto:${asker!.email}`);
    expect((await e<string>("GET", `/api/v1/sessions/${id}/ics`)).body).not.toContain(asker!.email);
    expect((await a<{ email: string | null }>("GET", `/api/v1/profiles/${expert!.id}`)).body.email).toBeNull();

    expect((await e("POST", `/api/v1/sessions/${id}/respond`, { action: "accept" })).status).toBe(200);
    expect(unfold((await a<string>("GET", `/api/v1/sessions/${id}/ics`)).body)).toContain(`mailto:${expert!.email}`);
    expect(unfold((await e<string>("GET", `/api/v1/sessions/${id}/ics`)).body)).toContain(`mailto:${asker!.email}`);
    expect((await a<{ email: string | null }>("GET", `/api/v1/profiles/${expert!.id}`)).body.email).toBe(expert!.email);

    type History = { entries: { action: string; actor: { id: string } | null; from: string | null; to: string; text: string }[] };
    const history = await e<History>("GET", `/api/v1/sessions/${id}/history?tz=Europe/Berlin`);
    expect(history.status).toBe(200);
    expect(history.body.entries.map((x) => [x.action, x.actor?.id, x.from, x.to])).toEqual([
      ["request", asker!.id, null, "PENDING"],
      ["accept", expert!.id, "PENDING", "ACCEPTED"],
    ]);
    const s = await as(stranger!);
    expect((await s("GET", `/api/v1/sessions/${id}/history`)).status).toBe(404);
    expect((await s("GET", `/api/v1/sessions/${id}/ics`)).status).toBe(404);
  });
});

describe("the database after all of it", () => {
  it("holds no overlapping live sessions for any person or table", async () => {
    expect(await doubleBookings()).toEqual({ personOverlaps: 0, tableOverlaps: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/lib/testing/database";
import { sessionCookie } from "@/lib/testing/session-cookie";
import type { SetupView } from "./schema";

// The route handlers are called as the browser calls them, with a real next-auth session cookie,
// on a database of this file's own: they act on "the current conference" (the latest to start),
// which another file's conference could otherwise be, depending on the hour the suite runs.
const database = await freshDatabase("organizer_it");
process.env.DATABASE_URL = database.url;

const { db } = await import("@/lib/db");
const { seedConference } = await import("@/lib/testing/demo-data");
const areasRoute = await import("@/app/api/v1/organizer/areas/route");
const areaTablesRoute = await import("@/app/api/v1/organizer/areas/[areaId]/tables/route");
const tableRoute = await import("@/app/api/v1/organizer/tables/[tableId]/route");
const hoursRoute = await import("@/app/api/v1/organizer/hours/route");
const slotsRoute = await import("@/app/api/v1/organizer/slots/route");
const conferenceRoute = await import("@/app/api/v1/organizer/conference/route");

type Json = { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown>;

async function call(
  handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  as: string | null,
  { method = "GET", body, params = {} }: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (as) headers.cookie = await sessionCookie(as);
  const res = await handler(new Request("http://localhost/api/v1/organizer", { method, body: body === undefined ? undefined : JSON.stringify(body), headers }), {
    params: Promise.resolve(params),
  });
  return { status: res.status, json: (res.status === 204 ? {} : await res.json()) as Json };
}

let organizer: string;
let attendee: string;
let conferenceId: string;

beforeAll(async () => {
  const stamp = Date.now().toString(36);
  await seedConference(db);
  conferenceId = (await db.conference.findFirstOrThrow({ orderBy: { startDate: "desc" }, select: { id: true } })).id;
  organizer = (await db.user.create({ data: { email: `org-${stamp}@x.test`, name: "Olive", role: "ORGANIZER" }, select: { id: true } })).id;
  attendee = (await db.user.create({ data: { email: `att-${stamp}@x.test`, name: "Art" }, select: { id: true } })).id;
});

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe("organizer set-up through the route handlers", () => {
  it("refuses attendees (403) and anonymous callers (401), changing nothing", async () => {
    const before = await db.mingleArea.count();
    expect((await call(areasRoute.POST, attendee, { method: "POST", body: { name: "Sneaky" } })).status).toBe(403);
    expect((await call(areasRoute.POST, null, { method: "POST", body: { name: "Sneaky" } })).status).toBe(401);
    expect((await call(conferenceRoute.GET, attendee)).status).toBe(403);
    expect(await db.mingleArea.count()).toBe(before);
  });

  it("creates an area and tables; a duplicate label in the area is a 409 that names it", async () => {
    const area = await call(areasRoute.POST, organizer, { method: "POST", body: { name: "Hall C", location: "Level 2" } });
    expect(area.status).toBe(201);
    const areaId = area.json.id as string;
    const t1 = await call(areaTablesRoute.POST, organizer, { method: "POST", params: { areaId }, body: { label: "C1", seats: 4 } });
    expect(t1.status).toBe(201);
    expect(t1.json.tables).toEqual([expect.objectContaining({ label: "C1", seats: 4, liveSessions: 0 })]);
    const dup = await call(areaTablesRoute.POST, organizer, { method: "POST", params: { areaId }, body: { label: "C1", seats: 2 } });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: "TABLE_LABEL_TAKEN", message: expect.stringContaining('"C1"') });
    const dupArea = await call(areasRoute.POST, organizer, { method: "POST", body: { name: "Hall C" } });
    expect(dupArea.json.error?.code).toBe("AREA_NAME_TAKEN");
    expect((await call(areaTablesRoute.POST, organizer, { method: "POST", params: { areaId }, body: { label: "C2", seats: 13 } })).status).toBe(422);
    expect(await db.table.count({ where: { areaId } })).toBe(1);
  });

  it("refuses invalid mingle hours with 422 and keeps the old ones", async () => {
    const before = await db.mingleHours.findMany({ where: { conferenceId }, select: { day: true, opensAt: true, closesAt: true }, orderBy: { day: "asc" } });
    const day = before[0]!.day.toISOString().slice(0, 10);
    const closesEarly = await call(hoursRoute.PUT, organizer, { method: "PUT", body: { hours: [{ day, opensAt: "18:00", closesAt: "09:00" }] } });
    expect(closesEarly.status).toBe(422);
    expect(closesEarly.json.error?.code).toBe("HOURS_CLOSE_BEFORE_OPEN");
    const outside = await call(hoursRoute.PUT, organizer, { method: "PUT", body: { hours: [{ day: "2001-01-01", opensAt: "09:00", closesAt: "17:00" }] } });
    expect(outside.status).toBe(422);
    expect(outside.json.error?.code).toBe("HOURS_DAY_OUTSIDE_CONFERENCE");
    const badTime = await call(hoursRoute.PUT, organizer, { method: "PUT", body: { hours: [{ day, opensAt: "25:00", closesAt: "17:00" }] } });
    expect(badTime.status).toBe(422);
    const after = await db.mingleHours.findMany({ where: { conferenceId }, select: { day: true, opensAt: true, closesAt: true }, orderBy: { day: "asc" } });
    expect(after).toEqual(before);
  });

  it("refuses an unknown time zone and an end before the start", async () => {
    const setup = (await call(conferenceRoute.GET, organizer)).json as unknown as SetupView;
    const base = { name: setup.name, venue: setup.venue, timeZone: setup.timeZone, startDate: setup.startDate, endDate: setup.endDate, slotMinutes: setup.slotMinutes };
    expect((await call(conferenceRoute.PUT, organizer, { method: "PUT", body: { ...base, timeZone: "Mars/Olympus" } })).status).toBe(422);
    const backwards = await call(conferenceRoute.PUT, organizer, { method: "PUT", body: { ...base, endDate: "2000-01-01" } });
    expect(backwards.json.error?.code).toBe("CONFERENCE_DATES_INVALID");
    const renamed = await call(conferenceRoute.PUT, organizer, { method: "PUT", body: { ...base, name: "Renamed Con" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe("Renamed Con");
  });

  it("generates slots, keeps identical ones on a re-run, and refuses to orphan a live session", async () => {
    const first = await call(slotsRoute.POST, organizer, { method: "POST" });
    expect(first.status).toBe(200);
    // Demo hours: 08:00–20:00, 08:00–20:00, 08:00–16:00 at 20 minutes = 36 + 36 + 24.
    expect(first.json).toMatchObject({ created: 96, removed: 0, total: 96 });
    expect((await call(slotsRoute.POST, organizer, { method: "POST" })).json).toMatchObject({ created: 0, kept: 96, removed: 0 });

    // A live, accepted session at a table in the last slot of the last day (always in the future).
    const slots = await db.mingleSlot.findMany({ where: { conferenceId }, orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true } });
    const slot = slots[95]!;
    const table = await db.table.findFirstOrThrow({ where: { area: { conferenceId } }, select: { id: true, label: true } });
    const expert = await db.user.create({ data: { email: `exp-${Date.now()}@x.test`, name: "Ex" }, select: { id: true } });
    const offer = await db.offer.create({ data: { ownerId: expert.id, title: "Swarm" }, select: { id: true } });
    await db.mingleSession.create({
      data: { conferenceId, offerId: offer.id, requesterId: attendee, expertId: expert.id, slotId: slot.id, tableId: table.id, status: "ACCEPTED", awaiting: "EXPERT" },
    });

    // Deleting that table is refused with the reason.
    const del = await call(tableRoute.DELETE, organizer, { method: "DELETE", params: { tableId: table.id } });
    expect(del.status).toBe(409);
    expect(del.json.error).toMatchObject({ code: "TABLE_IN_USE", message: expect.stringContaining(`Table ${table.label} has 1 upcoming session`) });

    // Shortening the last day's hours would remove the session's slot: refused, nothing changes.
    const hours = await db.mingleHours.findMany({ where: { conferenceId }, orderBy: { day: "asc" }, select: { day: true, opensAt: true, closesAt: true } });
    const shorter = hours.map((h, i) => ({ day: h.day.toISOString().slice(0, 10), opensAt: h.opensAt, closesAt: i === hours.length - 1 ? "15:00" : h.closesAt }));
    expect((await call(hoursRoute.PUT, organizer, { method: "PUT", body: { hours: shorter } })).status).toBe(200);
    const refused = await call(slotsRoute.POST, organizer, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "SLOTS_IN_USE", message: expect.stringContaining("still have booked or requested sessions") });
    expect(await db.mingleSlot.count({ where: { conferenceId } })).toBe(96);

    // Without the live session, the sync replaces the grid; the database holds no overlaps.
    await db.mingleSession.deleteMany({ where: { slotId: slot.id } });
    expect((await call(slotsRoute.POST, organizer, { method: "POST" })).json).toMatchObject({ created: 0, removed: 3, kept: 93, total: 93 });
    const overlaps = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "MingleSlot" a JOIN "MingleSlot" b
        ON a."conferenceId" = b."conferenceId" AND a.id < b.id
       AND tstzrange(a."startsAt", a."endsAt") && tstzrange(b."startsAt", b."endsAt")`;
    expect(Number(overlaps[0]!.n)).toBe(0);

    // The table is free again and can go.
    expect((await call(tableRoute.DELETE, organizer, { method: "DELETE", params: { tableId: table.id } })).status).toBe(204);
  });
});

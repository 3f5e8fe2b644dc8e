import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCurrentConference } from "@/lib/conference/current-conference";
import { missedSearchRepo } from "@/lib/offers/repo";
import { searchOffers } from "@/lib/offers/search";
import { searchOfferList, type OfferDeps } from "@/lib/offers/service";
import { createAnalyticsWorld, DAYS, type AnalyticsWorld } from "@/lib/testing/analytics-world";
import { clockedBooking } from "@/lib/testing/booking-fixtures";
import type { AnalyticsDeps } from "./analytics-scope";
import { exportAnalyticsCsv } from "./export-analytics-csv";
import { getAnalytics } from "./get-analytics";
import { analyticsRepo } from "./repo";
import type { AnalyticsView, CsvTable } from "./schema";

// Every figure of the Analytics page on a small conference whose answers are counted by hand
// (lib/testing/analytics-world.ts draws it), or, where the app's clock does not reach (event
// times), computed here another way from the raw rows. CSV exports are parsed back and compared.
const booking = await clockedBooking("analytics");
const { db } = booking;
let world: AnalyticsWorld;
let deps: AnalyticsDeps;

beforeAll(async () => {
  world = await createAnalyticsWorld(booking);
  deps = { repo: analyticsRepo(db), conference: () => findCurrentConference(db), now: () => world.now };
  // Searches that found nothing: one on a topic nobody offers, one typed letter by letter.
  const offerDeps = { search: (input) => searchOffers(db, input), recordMissedSearch: (m) => missedSearchRepo(db).record(m), now: () => booking.clock.now } as OfferDeps;
  const search = (q: string, who: AnalyticsWorld["people"]["R1"], at: Date) => {
    booking.clock.now = at;
    return searchOfferList(offerDeps, { q, page: 1, limit: 20 }, who);
  };
  expect(await search("serverless", world.people.R4, world.at(1, "09:00"))).toMatchObject({ ok: true, value: { total: 0 } });
  await search("was", world.people.R3, world.at(1, "09:01"));
  await search("wasm", world.people.R3, world.at(1, "09:01"));
  expect(await search("swarm", world.people.R3, world.at(1, "09:02"))).toMatchObject({ ok: true, value: { total: 2 } });
}, 120_000);

afterAll(() => booking.close());

async function analytics(filter: { day?: string; areaId?: string } = {}): Promise<AnalyticsView> {
  const r = await getAnalytics(deps, filter);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

async function csv(table: CsvTable, filter: { day?: string; areaId?: string } = {}): Promise<string[][]> {
  const r = await exportAnalyticsCsv(deps, { table, ...filter });
  if (!r.ok) throw new Error(r.message);
  expect(r.value.contentType).toBe("text/csv; charset=utf-8");
  return parse(r.value.body, { bom: true, relaxColumnCount: false }) as string[][];
}

describe("the funnel", () => {
  it("counts requests by outcome, the acceptance rate, cancellations and reschedules by whom", async () => {
    const { funnel } = await analytics();
    expect(funnel).toMatchObject({
      requests: 14,
      pending: 1,
      accepted: 6,
      declined: 2,
      expired: 3,
      withdrawn: 1,
      cancelled: 1,
      everAccepted: 7,
      answered: 9,
      acceptanceRate: Math.round((7 / 13) * 10_000) / 10_000,
      proposals: 0,
      reschedules: { requester: 1, expert: 0 },
    });
    expect(funnel.cancellations).toEqual([
      { by: "requester", afterAccepting: 0, beforeAnswer: 0 },
      { by: "expert", afterAccepting: 1, beforeAnswer: 0 },
      { by: "organizer", afterAccepting: 0, beforeAnswer: 0 },
      { by: "system", afterAccepting: 0, beforeAnswer: 0 },
    ]);
  });

  it("gives the median time to a first answer, as computed here from the raw history", async () => {
    const rows = await db.mingleSession.findMany({
      where: { conferenceId: world.conferenceId },
      select: { createdAt: true, events: { where: { action: { in: ["accept", "decline", "propose"] } }, orderBy: { createdAt: "asc" }, take: 1, select: { createdAt: true } } },
    });
    const waits = rows
      .filter((r) => r.events[0])
      .map((r) => (r.events[0]!.createdAt.getTime() - r.createdAt.getTime()) / 1000)
      .sort((a, b) => a - b);
    expect(waits).toHaveLength(9);
    const { funnel } = await analytics();
    expect(funnel.medianAnswerSeconds).toBe(Math.round(waits[4]!));
  });

  it("filters by day in the conference's zone: 08:00 in Tokyo on day 2 is 23:00 UTC on day 1", async () => {
    expect((await analytics({ day: DAYS[0] })).funnel).toMatchObject({ requests: 12, accepted: 5, pending: 0 });
    expect((await analytics({ day: DAYS[1] })).funnel).toMatchObject({ requests: 2, accepted: 1, pending: 1, everAccepted: 1, acceptanceRate: 1 });
    expect((await analytics({ day: DAYS[2] })).funnel).toMatchObject({ requests: 0, acceptanceRate: null, medianAnswerSeconds: null });
  });

  it("filters by area: the table's area, else the expert's preferred one", async () => {
    // Hall B: S1, S2, S9, S7 at B1 and S3 (declined, no table; E1 prefers Hall B).
    expect((await analytics({ areaId: world.areas.b })).funnel).toMatchObject({ requests: 5, accepted: 4, declined: 1 });
  });

  it("refuses a day outside the conference and an area of no conference, with a sentence", async () => {
    expect(await getAnalytics(deps, { day: "2030-05-01" })).toMatchObject({ ok: false, code: "DAY_OUTSIDE_CONFERENCE", message: expect.stringContaining("2030-04-17") });
    expect(await getAnalytics(deps, { areaId: "nope" })).toMatchObject({ ok: false, code: "AREA_NOT_FOUND" });
  });
});

describe("held sessions", () => {
  it("counts check-ins, answers, no-shows and ratings of agreed sessions whose slot has ended", async () => {
    const { held } = await analytics();
    expect(held).toEqual({
      due: 5,
      checkedInBoth: 1,
      checkedInOne: 1,
      checkedInNone: 3,
      happenedYes: 2,
      happenedNo: 1,
      confirmedByBoth: 1,
      noShows: 1,
      unanswered: 3,
      ratings: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: stars >= 4 ? 1 : 0 })),
      ratingAverage: 4.5,
    });
  });
});

describe("people", () => {
  it("gives meetings per attendee, expert load, idle experts and attendees who never booked", async () => {
    const { people } = await analytics();
    expect(people.attendees).toBe(10);
    expect(people.meetingsPerAttendee).toEqual([
      { meetings: "0", attendees: 4 },
      { meetings: "1", attendees: 3 },
      { meetings: "2", attendees: 1 },
      { meetings: "3", attendees: 1 },
      { meetings: "4", attendees: 1 },
    ]);
    expect(people.averageMeetings).toBe(1.2);
    const byName = Object.fromEntries(people.experts.map((e) => [e.name, e]));
    expect(byName["Person E1"]).toMatchObject({ received: 5, accepted: 4, declined: 1, expired: 0, pending: 0, load: "busy" });
    expect(byName["Person E2"]).toMatchObject({ received: 7, accepted: 2, declined: 1, expired: 2, pending: 1, load: "overloaded" });
    expect(byName["=E4, the expert"]).toMatchObject({ received: 1, accepted: 1, load: "balanced" });
    expect(byName["Person E5"]).toMatchObject({ received: 1, expired: 1, load: "balanced" });
    expect(people.overloadedExperts).toBe(1);
    expect(people.idleExperts).toEqual({ count: 1, sample: [{ id: world.people.E3.id, name: "Person E3" }] });
    expect(people.neverBooked.count).toBe(2);
    expect(people.neverBooked.sample.map((p) => p.name)).toEqual(["Person E3", "Person R4"]);
  });
});

describe("tables", () => {
  it("gives utilisation by area and hour, the full slot and the refused accept", async () => {
    const { tables } = await analytics();
    expect(tables.hours).toEqual([8, 9, 10, 11]);
    const cells = Object.fromEntries(tables.areas.map((a) => [a.name, a.cells.map((c) => [c.hour, c.booked, c.capacity])]));
    expect(cells["Hall A"]).toEqual([
      [8, 0, 18],
      [9, 0, 18],
      [10, 2, 18],
      [11, 0, 18],
    ]);
    expect(cells["Hall B"]).toEqual([
      [8, 3, 9],
      [9, 0, 9],
      [10, 1, 9],
      [11, 0, 9],
    ]);
    expect(tables.areas.find((a) => a.name === "Hall B")!.cells[0]!.utilisation).toBe(0.3333);
    expect(tables.refusedNoTable).toBe(1);
    expect(tables.fullSlots).toEqual([
      { slotId: expect.any(String), startsAt: world.at(1, "10:00").toISOString(), label: "Wed 17 Apr 10:00", booked: 3, tables: 3, refusedNoTable: 1 },
    ]);
    const hallB = await analytics({ areaId: world.areas.b });
    expect(hallB.tables.fullSlots.map((f) => f.label)).toEqual(["Wed 17 Apr 08:00", "Wed 17 Apr 08:20", "Wed 17 Apr 10:00", "Thu 18 Apr 08:20"]);
  });
});

describe("topics", () => {
  it("sets supply against demand per tag, with searches that found nothing (typed letter by letter: once)", async () => {
    const { topics } = await analytics();
    const tag = Object.fromEntries(topics.tags.map((t) => [t.tag, t]));
    expect(tag.swarm).toMatchObject({ offers: 2, offering: 2, seeking: 0, requests: 6, accepted: 5, missedSearches: 0, gap: 2 });
    expect(tag.kubernetes).toMatchObject({ offers: 1, offering: 1, seeking: 2, requests: 7, accepted: 1, gap: 7 });
    expect(tag.serverless).toMatchObject({ offers: 0, offering: 0, seeking: 2, requests: 0, missedSearches: 1, gap: 3 });
    expect(tag["container-security"]).toMatchObject({ offers: 1, seeking: 1, gap: -1 });
    expect(tag.linuxkit).toMatchObject({ requests: 1, accepted: 0, gap: -1 });
    expect(topics.missedSearchTotal).toBe(2);
    expect(topics.missedSearches.map((m) => [m.query, m.count])).toEqual([
      ["serverless", 1],
      ["wasm", 1],
    ]);
  });
});

describe("labs", () => {
  it("gives launches per template and engine, time to a shell and failures with reasons", async () => {
    const { labs } = await analytics();
    expect(labs.launched).toBe(4);
    expect(labs.rows).toEqual([
      { template: "shell", engineId: "local", launched: 3, ready: 2, failed: 1, lost: 0, inSessions: 2, medianSecondsToShell: 4 },
      { template: "two-services", engineId: "h2", launched: 1, ready: 1, failed: 0, lost: 1, inSessions: 0, medianSecondsToShell: 4 },
    ]);
    expect(labs.failures).toEqual([
      { status: "LOST", reason: "engine h2 went away", count: 1 },
      { status: "FAILED", reason: "image mingle/shell not found", count: 1 },
    ]);
    expect((await analytics({ day: DAYS[0] })).labs.rows[0]).toMatchObject({ template: "shell", launched: 2, ready: 1, medianSecondsToShell: 2 });
    expect((await analytics({ areaId: world.areas.b })).labs.launched).toBe(2);
  });

  it("records when a lab first turns READY (the trigger), and keeps it", async () => {
    const id = `trigger-${world.conferenceId}`;
    await db.lab.create({ data: { id, templateName: "shell", engineId: "local", ownerId: world.people.R1.id, expiresAt: new Date(Date.now() + 60_000) }, select: { id: true } });
    expect((await db.lab.findUnique({ where: { id }, select: { readyAt: true } }))!.readyAt).toBeNull();
    await db.lab.update({ where: { id }, data: { status: "READY" }, select: { id: true } });
    const ready = (await db.lab.findUnique({ where: { id }, select: { readyAt: true } }))!.readyAt;
    expect(ready).toBeInstanceOf(Date);
    await db.lab.update({ where: { id }, data: { status: "STOPPED" }, select: { id: true } });
    expect((await db.lab.findUnique({ where: { id }, select: { readyAt: true } }))!.readyAt).toEqual(ready);
    await db.lab.delete({ where: { id } });
  });
});

describe("CSV export", () => {
  it("exports the funnel with the page's numbers", async () => {
    const [header, ...rows] = await csv("funnel");
    expect(header).toEqual(["measure", "value"]);
    const { funnel } = await analytics();
    const value = Object.fromEntries(rows.map(([k, v]) => [k, v]));
    expect(value).toMatchObject({ requests: String(funnel.requests), accepted: String(funnel.accepted), "acceptance rate": String(funnel.acceptanceRate) });
  });

  it("exports every session in scope, one row each, quoted and safe from formulas", async () => {
    const [header, ...rows] = await csv("sessions");
    expect(header![0]).toBe("session id");
    expect(rows).toHaveLength(14);
    const col = (name: string) => header!.indexOf(name);
    const byId = new Map(rows.map((r) => [r[0], r]));
    const s1 = byId.get(world.sessions.S1!)!;
    expect([s1[col("starts")], s1[col("status")], s1[col("area")], s1[col("table")], s1[col("checked in")], s1[col("average rating")]]).toEqual([
      "2030-04-17 08:00",
      "ACCEPTED",
      "Hall B",
      "B1",
      "2",
      "4.5",
    ]);
    const s11 = byId.get(world.sessions.S11!)!;
    // The offer title and the expert's name start with "=": a spreadsheet must show them as text.
    expect(s11[col("offer")]).toBe("'=HYPERLINK(1) swarm tricks");
    expect(s11[col("expert")]).toBe("'=E4, the expert");
    expect(byId.get(world.sessions.S6!)![col("reason")]).toBe("Double-booked myself");
    expect(await csv("sessions", { day: DAYS[1] })).toHaveLength(1 + 2);
  });

  it("exports every other table, each parsing to the rows the page shows", async () => {
    const view = await analytics();
    expect((await csv("ratings")).slice(1)).toEqual(view.held.ratings.map((r) => [String(r.stars), String(r.count)]));
    expect((await csv("meetings")).slice(1)).toEqual(view.people.meetingsPerAttendee.map((m) => [m.meetings, String(m.attendees)]));
    expect((await csv("experts")).slice(1).map((r) => [r[1], r[2], r[7]])).toEqual(
      view.people.experts.map((e) => [e.name.startsWith("=") ? `'${e.name}` : e.name, String(e.received), e.load]),
    );
    expect((await csv("never-booked")).slice(1).map((r) => r[1])).toEqual(["Person E3", "Person R4"]);
    expect((await csv("heatmap")).slice(1)).toHaveLength(8);
    expect((await csv("full-slots")).slice(1)).toEqual([["2030-04-17 10:00", "3", "3", "1"]]);
    expect((await csv("topics")).slice(1).find((r) => r[0] === "serverless")).toEqual(["serverless", "Serverless", "0", "0", "2", "0", "0", "1", "3"]);
    expect((await csv("missed-searches")).slice(1).map((r) => r.slice(0, 2))).toEqual([
      ["serverless", "1"],
      ["wasm", "1"],
    ]);
    expect((await csv("labs")).slice(1)).toEqual([
      ["shell", "local", "3", "2", "1", "0", "2", "4"],
      ["two-services", "h2", "1", "1", "0", "1", "0", "4"],
    ]);
    expect((await csv("lab-failures")).slice(1)).toHaveLength(2);
    const held = Object.fromEntries((await csv("held")).slice(1));
    expect(held.noShows).toBe("1");
    const cancellations = await csv("cancellations");
    expect(cancellations.find((r) => r[0] === "cancellation after accepting" && r[1] === "expert")?.[2]).toBe("1");
  });
});

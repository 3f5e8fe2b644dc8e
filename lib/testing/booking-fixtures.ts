import { DateTime } from "luxon";
import { argon2Hasher } from "@/lib/auth/deps";
import type { UserView } from "@/lib/auth/schema";
import { bookingRepo } from "@/lib/booking/repo";
import type { BookingDeps } from "@/lib/booking/ports";
import { syncSlots } from "@/lib/booking/sync-slots";
import { createPrismaClient, type Db } from "@/lib/db";
import { freshDatabase } from "@/lib/testing/database";

/**
 * A booking world for integration tests and the benchmark, written straight to PostgreSQL: a
 * conference (yesterday to the day after tomorrow, UTC, mingle hours 08:00–20:00, 20-minute slots),
 * one area of tables, and people who sign in with one password.
 */
export const FIXTURE_PASSWORD = "booking fixture password";

/** Deps for set-up code that runs outside the server: no sockets, no notifications, no labs. */
export function offlineBookingDeps(db: Db, now: () => Date = () => new Date()): BookingDeps {
  return {
    repo: bookingRepo(db),
    notifier: { notify: async () => undefined },
    events: { toUser: () => undefined, toAll: () => undefined },
    labs: null,
    now,
    newId: () => crypto.randomUUID().replace(/-/g, ""),
    newToken: () => crypto.randomUUID().replace(/-/g, ""),
    config: { holdMinutes: 60, maxPending: 5, walkupMinutes: 10, labGraceMinutes: 15, publicUrl: "http://127.0.0.1" },
  };
}

export interface ClockedBooking {
  db: Db;
  deps: BookingDeps;
  /** What deps.now() answers; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** A database of its own and offline booking deps on a clock the test moves (for time windows). */
export async function clockedBooking(name: string): Promise<ClockedBooking> {
  const database = await freshDatabase(name);
  const db = createPrismaClient(database.url);
  const clock = { now: new Date() };
  return {
    db,
    deps: offlineBookingDeps(db, () => clock.now),
    clock,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** A fixture person as the services see a signed-in attendee. */
export function asAttendee(p: Pick<FixturePerson, "id" | "email" | "name">): UserView {
  return { id: p.id, email: p.email, name: p.name, role: "ATTENDEE" };
}

export interface World {
  conferenceId: string;
  tableIds: string[];
  /** Slot starts (UTC) of tomorrow, in order. */
  tomorrow: Date[];
  yesterdayAt10: Date;
}

export async function createConference(db: Db, opts: { slug: string; tables: number; start?: DateTime }): Promise<World> {
  const start = (opts.start ?? DateTime.utc().startOf("day").minus({ days: 1 })).startOf("day");
  const days = [0, 1, 2, 3].map((i) => start.plus({ days: i }).toISODate()!);
  const c = await db.conference.create({
    data: {
      slug: opts.slug,
      name: `Booking test ${opts.slug}`,
      timeZone: "UTC",
      startDate: new Date(`${days[0]}T00:00:00Z`),
      endDate: new Date(`${days[3]}T00:00:00Z`),
      slotMinutes: 20,
      mingleHours: { create: days.map((d) => ({ day: new Date(`${d}T00:00:00Z`), opensAt: "08:00", closesAt: "20:00" })) },
      areas: {
        create: [{ name: "Hall T", location: "Ground floor", tables: { create: Array.from({ length: opts.tables }, (_, i) => ({ label: `T${i + 1}` })) } }],
      },
    },
    select: { id: true, areas: { select: { tables: { select: { id: true } } } } },
  });
  const synced = await syncSlots(offlineBookingDeps(db), c.id);
  if (!synced.ok) throw new Error(synced.message);
  const tomorrow = start.plus({ days: 2 });
  return {
    conferenceId: c.id,
    tableIds: c.areas.flatMap((a) => a.tables.map((t) => t.id)),
    tomorrow: Array.from({ length: 36 }, (_, i) =>
      tomorrow
        .set({ hour: 8 })
        .plus({ minutes: 20 * i })
        .toJSDate(),
    ),
    yesterdayAt10: start.set({ hour: 10 }).toJSDate(),
  };
}

export interface FixturePerson {
  id: string;
  email: string;
  name: string;
  offerId: string;
}

/** People with one active offer each (so anyone can be asked), created in one batch. */
export async function createPeople(db: Db, prefix: string, count: number): Promise<FixturePerson[]> {
  const passwordHash = await argon2Hasher.hash(FIXTURE_PASSWORD);
  const people: FixturePerson[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}@booking.test`;
    const u = await db.user.create({
      data: {
        email,
        name: `${prefix} ${i}`,
        passwordHash,
        profile: { create: { headline: `Person ${i}` } },
        offers: { create: { title: `${prefix} ${i} explains containers`, tags: ["docker"] } },
      },
      select: { id: true, offers: { select: { id: true } } },
    });
    people.push({ id: u.id, email, name: `${prefix} ${i}`, offerId: u.offers[0]!.id });
  }
  return people;
}

export async function makeAvailable(db: Db, conferenceId: string, userIds: string[], starts: Date[]): Promise<void> {
  const slots = await db.mingleSlot.findMany({ where: { conferenceId, startsAt: { in: starts } }, select: { id: true } });
  await db.availability.createMany({
    data: userIds.flatMap((userId) => slots.map((s) => ({ userId, slotId: s.id }))),
    skipDuplicates: true,
  });
}

/** Live sessions that overlap in time for one person or one table; the invariants say 0. */
export const DOUBLE_BOOKINGS_SQL = `
  WITH live AS (
    SELECT s.id, s."requesterId", s."expertId", s."tableId", tstzrange(sl."startsAt", sl."endsAt") AS span
      FROM "MingleSession" s JOIN "MingleSlot" sl ON sl.id = s."slotId"
     WHERE s.status IN ('PENDING', 'ACCEPTED')
  ), people AS (
    SELECT id, span, p AS person FROM live, LATERAL (VALUES ("requesterId"), ("expertId")) v(p)
  )
  SELECT
    (SELECT count(*) FROM people a JOIN people b ON a.person = b.person AND a.id < b.id AND a.span && b.span)::int AS "personOverlaps",
    (SELECT count(*) FROM live a JOIN live b ON a."tableId" = b."tableId" AND a.id < b.id AND a.span && b.span)::int AS "tableOverlaps"`;

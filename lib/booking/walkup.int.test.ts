import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import { asAttendee, clockedBooking, createConference, createPeople, makeAvailable, type World } from "@/lib/testing/booking-fixtures";
import { availableNow } from "./available-now";
import { checkIn } from "./check-in";
import { getAvailability } from "./get-availability";
import { listFreeSlots } from "./list-slots";
import { requestSession } from "./request-session";
import { respond } from "./respond-to-request";

// Walk-ups into the slot that is already running, on the real database with a clock the test
// moves: bookable while 10 minutes are left, the hold ends then, check-in works at once.
const { db, deps, clock, close } = await clockedBooking("walkup");
let world: World;
let ada: UserView;
let bob: UserView;
let cat: UserView;
let bobOffer: string;
let slot: Date;

const at = (minutesFromSlotStart: number) => {
  clock.now = DateTime.fromJSDate(slot).plus({ minutes: minutesFromSlotStart }).toJSDate();
};

beforeAll(async () => {
  world = await createConference(db, { slug: `walkup-${Date.now()}`, tables: 2 });
  const [expert, requester, late] = await createPeople(db, `walkup-${Date.now()}`, 3);
  bob = asAttendee(expert!);
  ada = asAttendee(requester!);
  cat = asAttendee(late!);
  bobOffer = expert!.offerId;
  slot = world.tomorrow[3]!; // 20-minute slots
  await makeAvailable(db, world.conferenceId, [bob.id], [slot]);
}, 60_000);

afterAll(close);

describe("walk-ups into the running slot", () => {
  it("are offered and bookable while 10 minutes are left; the hold ends then; check-in works at once", async () => {
    at(4);
    const now = await availableNow(deps, ada);
    expect(now.ok && now.value.current?.startsAt).toBe(slot.toISOString());
    expect(now.ok && now.value.walkupUntil).toBe(DateTime.fromJSDate(slot).plus({ minutes: 10 }).toJSDate().toISOString());
    expect(now.ok && now.value.experts.find((e) => e.id === bob.id)?.freeNow).toBe(true);
    const free = await listFreeSlots(deps, bob.id, {});
    expect(free.ok && free.value.slots[0]?.startsAt).toBe(slot.toISOString());
    const grid = await getAvailability(deps, bob);
    expect(grid.ok && grid.value.slots.find((s) => s.startsAt === slot.toISOString())?.past).toBe(false);

    const requested = await requestSession(deps, ada, { offerId: bobOffer, slotStart: slot });
    expect(requested.ok, JSON.stringify(requested)).toBe(true);
    const id = requested.ok ? requested.value.id : "";
    const row = await db.mingleSession.findUniqueOrThrow({ where: { id }, select: { holdExpiresAt: true } });
    expect(row.holdExpiresAt?.toISOString()).toBe(DateTime.fromJSDate(slot).plus({ minutes: 10 }).toJSDate().toISOString());

    at(6);
    const accepted = await respond(deps, bob, id, { action: "accept" });
    expect(accepted.ok && accepted.value.status).toBe("ACCEPTED");
    expect(accepted.ok && accepted.value.table).not.toBeNull();
    const here = await checkIn(deps, ada, id);
    expect(here.ok && here.value.checkIn.me).not.toBeNull();
  });

  it("are refused once less than 10 minutes are left, and a request made in time expires unanswered", async () => {
    const other = world.tomorrow[4]!;
    await makeAvailable(db, world.conferenceId, [bob.id], [other]);
    clock.now = DateTime.fromJSDate(other).plus({ minutes: 2 }).toJSDate();
    const requested = await requestSession(deps, cat, { offerId: bobOffer, slotStart: other });
    expect(requested.ok, JSON.stringify(requested)).toBe(true);
    clock.now = DateTime.fromJSDate(other).plus({ minutes: 10 }).toJSDate();
    const late = await respond(deps, bob, requested.ok ? requested.value.id : "", { action: "accept" });
    expect(late).toMatchObject({ ok: false, code: "HOLD_EXPIRED" });

    clock.now = DateTime.fromJSDate(other).plus({ minutes: 11 }).toJSDate();
    const tooLate = await requestSession(deps, ada, { offerId: bobOffer, slotStart: other });
    expect(tooLate).toMatchObject({ ok: false, code: "SLOT_IN_PAST", message: expect.stringContaining("ends in 9 min") });
    const now = await availableNow(deps, ada);
    expect(now.ok && now.value.walkupUntil).toBeNull();
    const grid = await getAvailability(deps, bob);
    expect(grid.ok && grid.value.slots.find((s) => s.startsAt === other.toISOString())?.past).toBe(true);
  });
});

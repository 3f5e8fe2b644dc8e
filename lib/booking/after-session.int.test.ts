import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import { asAttendee, clockedBooking, createConference, createPeople, makeAvailable, type World } from "@/lib/testing/booking-fixtures";
import { checkIn } from "./check-in";
import { requestSession } from "./request-session";
import { respond } from "./respond-to-request";
import { saveFeedback } from "./save-feedback";

// At the table and after it, on the real database with a clock the test moves: "We're here"
// only around the slot, feedback only after it, one "no" marks a no-show, strangers are refused.
const { db, deps, clock, close } = await clockedBooking("after_session");
let world: World;
let ada: UserView;
let bob: UserView;
let eve: UserView;
let offerId: string;
let sessionId: string;

beforeAll(async () => {
  world = await createConference(db, { slug: `after-${Date.now()}`, tables: 2 });
  const [expert, requester, stranger] = await createPeople(db, `after-${Date.now()}`, 3);
  bob = asAttendee(expert!);
  ada = asAttendee(requester!);
  eve = asAttendee(stranger!);
  offerId = expert!.offerId;
  const slot = world.tomorrow[3]!; // tomorrow 09:00–09:20 UTC
  await makeAvailable(db, world.conferenceId, [bob.id], [slot]);
  clock.now = DateTime.fromJSDate(slot).minus({ hours: 2 }).toJSDate();
  const requested = await requestSession(deps, ada, { offerId, slotStart: slot });
  expect(requested.ok, JSON.stringify(requested)).toBe(true);
  sessionId = requested.ok ? requested.value.id : "";
  expect((await respond(deps, bob, sessionId, { action: "accept" })).ok).toBe(true);
}, 60_000);

afterAll(close);

const at = (minutesFromSlotStart: number) => {
  clock.now = DateTime.fromJSDate(world.tomorrow[3]!).plus({ minutes: minutesFromSlotStart }).toJSDate();
};

describe("at the table and after", () => {
  it("check-in opens 10 minutes before the slot and closes at its end; both taps are recorded", async () => {
    at(-30);
    expect(await checkIn(deps, ada, sessionId)).toMatchObject({ ok: false, code: "NOT_DURING_SESSION" });
    at(-5);
    const first = await checkIn(deps, ada, sessionId);
    expect(first.ok && first.value.checkIn.me).not.toBeNull();
    expect(first.ok && first.value.checkIn.other).toBeNull();
    at(3);
    const second = await checkIn(deps, bob, sessionId);
    expect(second.ok && second.value.checkIn.me && second.value.checkIn.other).toBeTruthy();
    expect(await checkIn(deps, eve, sessionId)).toMatchObject({ ok: false, code: "NOT_YOUR_REQUEST" });
    at(25);
    expect(await checkIn(deps, bob, sessionId)).toMatchObject({ ok: false, code: "NOT_DURING_SESSION" });
  });

  it("feedback waits for the slot to end; a rating and note are saved; one 'no' marks a no-show", async () => {
    at(10);
    expect(await saveFeedback(deps, ada, sessionId, { happened: true })).toMatchObject({ ok: false, code: "SESSION_NOT_OVER" });
    at(30);
    const rated = await saveFeedback(deps, ada, sessionId, { happened: true, rating: 5, note: "Thanks — the seccomp tip saved my week." });
    expect(rated.ok && rated.value.feedback).toEqual({ happened: true, rating: 5, note: "Thanks — the seccomp tip saved my week." });
    expect(rated.ok && rated.value.noShow).toBe(false);
    const no = await saveFeedback(deps, bob, sessionId, { happened: false });
    expect(no.ok && no.value.noShow).toBe(true);
    expect(await saveFeedback(deps, ada, sessionId, { note: "x".repeat(10_000) })).toMatchObject({ ok: false, code: "REASON_TOO_LONG" });
    expect(await saveFeedback(deps, eve, sessionId, { rating: 1 })).toMatchObject({ ok: false, code: "NOT_YOUR_REQUEST" });
    const row = await db.sessionFeedback.findUnique({ where: { sessionId_userId: { sessionId, userId: ada.id } }, select: { rating: true, note: true } });
    expect(row).toEqual({ rating: 5, note: "Thanks — the seccomp tip saved my week." });
  });
});

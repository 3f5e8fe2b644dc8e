import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { userRepo } from "@/lib/auth/repo";
import { createAdmission } from "@/lib/overload/admission";
import { notificationRepo } from "@/lib/notifications/repo";
import { notifier } from "@/lib/notifications/service";
import { asAttendee, createConference, createPeople, makeAvailable, offlineBookingDeps, type FixturePerson, type World } from "@/lib/testing/booking-fixtures";
import { freshDatabase } from "@/lib/testing/database";
import type { BookingDeps } from "./ports";
import { requestSession } from "./request-session";
import { respond } from "./respond-to-request";

/**
 * The database work of one booking operation, counted: every statement Prisma sends (transaction
 * BEGIN/COMMIT included) for the API's request and accept, with the sign-in read and the
 * notification the other person gets. The bound is what a change to the booking code must not
 * grow past without a reason: issue #13 started from 23 per request and 28 per accept (counted
 * this way), mostly the nine one-relation-a-query reads of a session, twice per write.
 */
const database = await freshDatabase("query_count");
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }), log: [{ emit: "event", level: "query" }] });
const statements: string[] = [];
db.$on("query", (e) => statements.push(e.query));
let deps: BookingDeps;
let world: World;
let expert: FixturePerson;
let requester: FixturePerson;

/** The statements `work` sent, after the same sign-in read the API's endpoint() makes. */
async function counted(userId: string, work: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await userRepo(db).findById(userId);
  await work();
  return [...statements];
}

beforeAll(async () => {
  world = await createConference(db, { slug: "query-count", tables: 3 });
  [expert, requester] = (await createPeople(db, "qc", 2)) as [FixturePerson, FixturePerson];
  await makeAvailable(db, world.conferenceId, [expert.id], world.tomorrow.slice(0, 2));
  deps = {
    ...offlineBookingDeps(db),
    notifier: notifier({ notifications: notificationRepo(db), emit: () => undefined, now: () => new Date() }),
    writes: createAdmission({ maxConcurrent: 4, maxQueued: 10, maxWaitMs: 5000 }),
  };
});

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe("queries per booking operation", () => {
  it("a request and its accept stay within their bounds", async () => {
    let id = "";
    const request = await counted(requester.id, async () => {
      const r = await requestSession(deps, asAttendee(requester), { offerId: expert.offerId, slotStart: world.tomorrow[0]! });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      id = r.ok ? r.value.id : "";
    });
    const accept = await counted(expert.id, async () => {
      const r = await respond(deps, asAttendee(expert), id, { action: "accept" });
      expect(r.ok && r.value.status, JSON.stringify(r)).toBe("ACCEPTED");
    });
    // Prisma logs COMMIT but not BEGIN: each operation runs one transaction, so one more on the wire.
    expect(request.length, request.join("\n")).toBeLessThanOrEqual(13);
    expect(accept.length, accept.join("\n")).toBeLessThanOrEqual(10);
  });
});

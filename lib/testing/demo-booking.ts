import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { requestSession } from "@/lib/booking/request-session";
import { respond } from "@/lib/booking/respond-to-request";
import { syncSlots } from "@/lib/booking/sync-slots";
import type { Db } from "@/lib/db";
import { offlineBookingDeps } from "./booking-fixtures";

const CONFERENCE_SLUG = "dockercon-demo";
const DEMO_EMAIL = "demo@mingle.test";

export interface DemoBookingReport {
  slots: number;
  experts: number;
  sessionsCreated: number;
}

/**
 * Booking demo data, idempotent: the demo conference's slots, availability for everyone who offers
 * something (whole days, or afternoons for every third person), and for demo@mingle.test two
 * pending requests and one accepted session tomorrow. Runs after the offers seed; with no offers
 * it only creates slots.
 */
export async function seedDemoBooking(db: Db, now: Date = new Date()): Promise<DemoBookingReport> {
  const conference = await db.conference.findUnique({ where: { slug: CONFERENCE_SLUG }, select: { id: true, timeZone: true } });
  if (!conference) return { slots: 0, experts: 0, sessionsCreated: 0 };
  const deps = offlineBookingDeps(db, () => now);
  const synced = await syncSlots(deps, conference.id);
  if (!synced.ok) throw new Error(`demo slots: ${synced.message}`);

  const experts = await db.user.findMany({
    where: { offers: { some: { active: true, hiddenAt: null } } },
    select: { id: true, email: true, name: true, offers: { where: { active: true, hiddenAt: null }, select: { id: true }, take: 1 } },
    orderBy: { email: "asc" },
  });
  const slots = await db.mingleSlot.findMany({ where: { conferenceId: conference.id }, select: { id: true, startsAt: true }, orderBy: { startsAt: "asc" } });
  await db.availability.createMany({
    data: experts.flatMap((e, i) =>
      slots.filter((s) => i % 3 !== 2 || DateTime.fromJSDate(s.startsAt).setZone(conference.timeZone).hour >= 12).map((s) => ({ userId: e.id, slotId: s.id })),
    ),
    skipDuplicates: true,
  });

  const demo = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true, email: true, name: true, role: true } });
  let sessionsCreated = 0;
  const already = demo ? await db.mingleSession.count({ where: { OR: [{ requesterId: demo.id }, { expertId: demo.id }] } }) : 1;
  if (demo && already === 0) {
    const me: UserView = { id: demo.id, email: demo.email, name: demo.name, role: demo.role };
    const tomorrow = DateTime.fromJSDate(now).setZone(conference.timeZone).plus({ days: 1 }).startOf("day");
    const at = (hour: number, minute = 0) => tomorrow.set({ hour, minute }).toJSDate();
    const others = experts.filter((e) => e.id !== demo.id && e.offers[0]);
    const plan = [
      { expert: others[0], start: at(10), accept: true },
      { expert: others[1], start: at(13), accept: false },
      { expert: others[2], start: at(15, 20), accept: false },
    ];
    for (const p of plan) {
      if (!p.expert) continue;
      const created = await requestSession(deps, me, {
        offerId: p.expert.offers[0]!.id,
        slotStart: p.start,
        message: "Hi! I'd love to pick your brain on this — I'm moving a monolith into containers.",
      });
      if (!created.ok) continue;
      sessionsCreated++;
      if (p.accept) {
        const expert: UserView = { id: p.expert.id, email: p.expert.email, name: p.expert.name, role: "ATTENDEE" };
        await respond(deps, expert, created.value.id, { action: "accept" });
      }
    }
  }
  return { slots: synced.value.total, experts: experts.length, sessionsCreated };
}

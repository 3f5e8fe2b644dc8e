import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { cancel } from "@/lib/booking/cancel-session";
import { checkIn } from "@/lib/booking/check-in";
import { sweep } from "@/lib/booking/jobs";
import { requestSession } from "@/lib/booking/request-session";
import { reschedule } from "@/lib/booking/reschedule-session";
import { respond } from "@/lib/booking/respond-to-request";
import { saveFeedback } from "@/lib/booking/save-feedback";
import { syncSlots } from "@/lib/booking/sync-slots";
import type { Result } from "@/lib/errors";
import type { ClockedBooking } from "./booking-fixtures";

/**
 * A small conference with known answers, for the analytics and recap integration tests. Asia/Tokyo
 * (UTC+9), so the day filter must be in the conference's zone: 08:00 on day 2 is 23:00 UTC on day 1.
 * Three days from 2030-04-17, mingle hours 08:00–12:00, 20-minute slots; Hall A (tables A1, A2) and
 * Hall B (B1, E1's preferred area). Every session is made through the booking use cases, so the
 * history, tables and feedback are what the app writes. Hand count (see the tests):
 *
 *   day 1  08:00 S1  R1→E1 accepted (B1), both checked in, both "it happened", 5 and 4 stars
 *          08:20 S2  R2→E1 accepted (B1), R2 checked in, R2 "it did not happen"
 *          08:40 S3  R3→E1 declined
 *          09:00 S4  R1→E2 expired
 *          09:20 S5  R2→E2 withdrawn by R2
 *          09:40 S6  R3→E2 accepted, then cancelled by E2
 *          10:00 S9  R1→E1 accepted (B1) · S10 R2→E2 (Hall A) · S11 R3→E4 (Hall A): every table taken
 *                S12 R5→E5 expired: its accept was refused, no table free, and nobody answered again
 *          11:00 S13 R5→E2 declined · 11:20 S14 R3→E2 expired
 *   day 2  08:00 S7  R1→E1 accepted, rescheduled by R1 to 08:20 (B1) · S8 R2→E2 pending
 *   E3 offers container security and is never asked; R4 never books.
 */
export const ANALYTICS_ZONE = "Asia/Tokyo";
export const DAYS = ["2030-04-17", "2030-04-18", "2030-04-19"] as const;

export interface AnalyticsWorld {
  conferenceId: string;
  areas: { a: string; b: string };
  people: Record<"organizer" | "E1" | "E2" | "E3" | "E4" | "E5" | "R1" | "R2" | "R3" | "R4" | "R5", UserView>;
  sessions: Record<string, string>;
  /** What "now" is for the figures: day 1, 15:00 in Tokyo (everything on day 1 is over). */
  now: Date;
  at: (day: number, hhmm: string) => Date;
}

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.code} ${r.message}`);
  return r.value;
}

export async function createAnalyticsWorld({ db, deps, clock }: ClockedBooking): Promise<AnalyticsWorld> {
  const at = (day: number, hhmm: string) => DateTime.fromISO(`${DAYS[day - 1]}T${hhmm}`, { zone: ANALYTICS_ZONE }).toJSDate();
  const c = await db.conference.create({
    data: {
      slug: `analytics-${Date.now()}`,
      name: "Analytics test conference",
      timeZone: ANALYTICS_ZONE,
      startDate: new Date(`${DAYS[0]}T00:00:00Z`),
      endDate: new Date(`${DAYS[2]}T00:00:00Z`),
      slotMinutes: 20,
      mingleHours: { create: DAYS.map((d) => ({ day: new Date(`${d}T00:00:00Z`), opensAt: "08:00", closesAt: "12:00" })) },
      areas: {
        create: [
          { name: "Hall A", tables: { create: [{ label: "A1" }, { label: "A2" }] } },
          { name: "Hall B", tables: { create: [{ label: "B1" }] } },
        ],
      },
    },
    select: { id: true, areas: { select: { id: true, name: true } } },
  });
  must(await syncSlots(deps, c.id), "slots");
  const areaA = c.areas.find((a) => a.name === "Hall A")!.id;
  const areaB = c.areas.find((a) => a.name === "Hall B")!.id;

  const offers: Record<string, string> = {};
  const make = async (key: string, opts: { role?: "ORGANIZER"; offer?: { title: string; tags: string[] }; seek?: string[]; preferredAreaId?: string } = {}): Promise<UserView> => {
    const email = `${key.toLowerCase()}-${c.id}@analytics.test`;
    const u = await db.user.create({
      data: {
        email,
        name: key === "E4" ? "=E4, the expert" : `Person ${key}`,
        role: opts.role ?? "ATTENDEE",
        profile: {
          create: {
            headline: `${key} headline`,
            company: `${key} Corp`,
            offerTags: opts.offer?.tags ?? [],
            seekTags: opts.seek ?? [],
            preferredAreaId: opts.preferredAreaId ?? null,
          },
        },
        ...(opts.offer ? { offers: { create: { title: opts.offer.title, tags: opts.offer.tags } } } : {}),
      },
      select: { id: true, name: true, offers: { select: { id: true } } },
    });
    if (u.offers[0]) offers[key] = u.offers[0].id;
    return { id: u.id, email, name: u.name, role: opts.role ?? "ATTENDEE" };
  };
  const people = {
    organizer: await make("organizer", { role: "ORGANIZER" }),
    E1: await make("E1", { offer: { title: "E1 explains swarm", tags: ["swarm"] }, preferredAreaId: areaB }),
    E2: await make("E2", { offer: { title: "E2 explains kubernetes", tags: ["kubernetes"] } }),
    E3: await make("E3", { offer: { title: "E3 explains container security", tags: ["container-security"] } }),
    E4: await make("E4", { offer: { title: "=HYPERLINK(1) swarm tricks", tags: ["swarm"] } }),
    E5: await make("E5", { offer: { title: "E5 explains linuxkit", tags: ["linuxkit"] } }),
    R1: await make("R1", { seek: ["kubernetes"] }),
    R2: await make("R2", { seek: ["kubernetes", "container-security"] }),
    R3: await make("R3", { seek: ["serverless"] }),
    R4: await make("R4", { seek: ["serverless"] }),
    R5: await make("R5"),
  };
  const slots = await db.mingleSlot.findMany({ where: { conferenceId: c.id }, select: { id: true, startsAt: true } });
  const experts = ["E1", "E2", "E3", "E4", "E5"] as const;
  await db.availability.createMany({ data: experts.flatMap((e) => slots.map((s) => ({ userId: people[e].id, slotId: s.id }))) });

  const sessions: Record<string, string> = {};
  const before = (day: number, hhmm: string, minutes = 120) => {
    clock.now = DateTime.fromJSDate(at(day, hhmm)).minus({ minutes }).toJSDate();
  };
  const ask = async (key: string, who: keyof typeof people, expert: (typeof experts)[number], day: number, hhmm: string) => {
    before(day, hhmm);
    const s = must(await requestSession(deps, people[who], { offerId: offers[expert]!, slotStart: at(day, hhmm) }), `request ${key}`);
    sessions[key] = s.id;
    return s.id;
  };
  const accept = async (key: string, expert: keyof typeof people) => must(await respond(deps, people[expert], sessions[key]!, { action: "accept" }), `accept ${key}`);

  await ask("S1", "R1", "E1", 1, "08:00");
  await accept("S1", "E1");
  await ask("S2", "R2", "E1", 1, "08:20");
  await accept("S2", "E1");
  await ask("S3", "R3", "E1", 1, "08:40");
  must(await respond(deps, people.E1, sessions.S3!, { action: "decline" }), "decline S3");
  await ask("S4", "R1", "E2", 1, "09:00");
  await ask("S5", "R2", "E2", 1, "09:20");
  must(await cancel(deps, people.R2, sessions.S5!, {}), "withdraw S5");
  await ask("S6", "R3", "E2", 1, "09:40");
  await accept("S6", "E2");
  must(await cancel(deps, people.E2, sessions.S6!, { reason: "Double-booked myself" }), "cancel S6");
  await ask("S9", "R1", "E1", 1, "10:00");
  await accept("S9", "E1");
  await ask("S10", "R2", "E2", 1, "10:00");
  await accept("S10", "E2");
  await ask("S11", "R3", "E4", 1, "10:00");
  await accept("S11", "E4");
  await ask("S12", "R5", "E5", 1, "10:00");
  const refused = await respond(deps, people.E5, sessions.S12!, { action: "accept" });
  if (refused.ok || refused.code !== "NO_TABLE_FREE") throw new Error(`S12 should find no table: ${JSON.stringify(refused)}`);
  await ask("S13", "R5", "E2", 1, "11:00");
  must(await respond(deps, people.E2, sessions.S13!, { action: "decline" }), "decline S13");
  await ask("S7", "R1", "E1", 2, "08:00");
  await accept("S7", "E1");
  must(await reschedule(deps, people.R1, sessions.S7!, { slotStart: at(2, "08:20") }), "reschedule S7");
  await ask("S8", "R2", "E2", 2, "08:00");
  // S4, S12 and S14 run out of time: a hold ends an hour after the request, or at the slot's start.
  await ask("S14", "R3", "E2", 1, "11:20");
  clock.now = at(1, "11:30");
  await sweep(deps);

  // At the table and after it (S1: both; S2: only R2, who says it did not happen).
  clock.now = at(1, "08:05");
  must(await checkIn(deps, people.R1, sessions.S1!), "check in S1 R1");
  must(await checkIn(deps, people.E1, sessions.S1!), "check in S1 E1");
  clock.now = at(1, "08:25");
  must(await checkIn(deps, people.R2, sessions.S2!), "check in S2 R2");
  clock.now = at(1, "12:00");
  must(await saveFeedback(deps, people.R1, sessions.S1!, { happened: true, rating: 5, note: "Great intro, thanks!\nSee you at the party" }), "feedback S1 R1");
  must(await saveFeedback(deps, people.E1, sessions.S1!, { happened: true, rating: 4 }), "feedback S1 E1");
  must(await saveFeedback(deps, people.R2, sessions.S2!, { happened: false }), "feedback S2 R2");

  // Labs, written as the engine would leave them (launch times in day 1 and 2).
  const lab = (
    id: string,
    templateName: string,
    engineId: string,
    status: "STOPPED" | "FAILED" | "LOST" | "READY",
    createdAt: Date,
    readySeconds: number | null,
    extra: { sessionId?: string; failureReason?: string; ownerId: string },
  ) =>
    db.lab.create({
      data: {
        id: `${id}-${c.id}`,
        templateName,
        engineId,
        status,
        createdAt,
        readyAt: readySeconds === null ? null : new Date(createdAt.getTime() + readySeconds * 1000),
        expiresAt: new Date(createdAt.getTime() + 3_600_000),
        sessionId: extra.sessionId ?? null,
        failureReason: extra.failureReason ?? null,
        ownerId: extra.ownerId,
        participants: { create: [{ userId: extra.ownerId }] },
      },
      select: { id: true },
    });
  await lab("l1", "shell", "local", "STOPPED", at(1, "08:05"), 2, { sessionId: sessions.S1!, ownerId: people.R1.id });
  await lab("l2", "shell", "local", "FAILED", at(1, "08:25"), null, { sessionId: sessions.S2!, failureReason: "image mingle/shell not found", ownerId: people.R2.id });
  await lab("l3", "two-services", "h2", "LOST", at(1, "12:00"), 4, { failureReason: "engine h2 went away", ownerId: people.R3.id });
  await lab("l4", "shell", "local", "STOPPED", at(2, "09:00"), 6, { ownerId: people.R1.id });

  return { conferenceId: c.id, areas: { a: areaA, b: areaB }, people, sessions, now: at(1, "15:00"), at };
}

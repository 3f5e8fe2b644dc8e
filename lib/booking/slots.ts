import { DateTime } from "luxon";
import { fail, ok, type Result } from "@/lib/errors";
import type { BookingErrorCode } from "./errors";
import { WALKUP_MIN_MINUTES } from "./rules";

/**
 * Mingle slots: fixed-length windows inside a conference's mingle hours.
 *
 * Mingle hours are local wall-clock times in the conference's IANA zone; slots are stored as UTC
 * instants. We convert opening and closing to instants first and then step in *elapsed* minutes,
 * never in wall-clock minutes: on a spring-forward day a 09:00–17:00 window that spans the gap
 * simply holds fewer slots, and on a fall-back day the repeated hour holds its real slots, with no
 * duplicated or overlapping instants either way. See docs/decisions/0003-booking-invariants.md.
 */

export const SLOT_LENGTHS = [15, 20, 30] as const;
export type SlotLength = (typeof SLOT_LENGTHS)[number];

export interface ConferenceCalendar {
  id: string;
  timeZone: string;
  /** First and last conference day, "YYYY-MM-DD" or a Date at UTC midnight (Prisma @db.Date). */
  startDate: string | Date;
  endDate: string | Date;
}

export interface MingleHoursInput {
  /** Conference day, "YYYY-MM-DD" or a Date at UTC midnight (Prisma @db.Date). */
  day: string | Date;
  /** Local wall-clock "HH:MM" (24-hour). */
  opensAt: string;
  closesAt: string;
}

export interface Slot {
  conferenceId: string;
  /** The conference day the slot belongs to, "YYYY-MM-DD" in the conference zone. */
  day: string;
  startUtc: Date;
  endUtc: Date;
}

export interface OpenWindow {
  day: string;
  opensUtc: Date;
  closesUtc: Date;
}

type SlotResult<T> = Result<T, BookingErrorCode>;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const YYYY_MM_DD = /^\d{4}-\d{2}-\d{2}$/;

/** A Prisma @db.Date comes back as a Date at UTC midnight; its UTC calendar date is the day. */
export function toDay(value: string | Date): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (!YYYY_MM_DD.test(value)) return null;
  return DateTime.fromISO(value, { zone: "utc" }).isValid ? value : null;
}

export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && DateTime.now().setZone(zone).isValid;
}

export function isSlotLength(minutes: number): minutes is SlotLength {
  return (SLOT_LENGTHS as readonly number[]).includes(minutes);
}

function parseHhMm(value: string): { hour: number; minute: number } | null {
  const m = HH_MM.exec(value);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/**
 * Local wall-clock time on a day → instant. A time that does not exist (inside a spring-forward
 * gap) is moved forward by the gap, as luxon does; an ambiguous one (the repeated fall-back hour)
 * resolves to one fixed offset. Mingle hours rarely sit at 02:30, so we accept rather than reject.
 */
function localInstant(day: string, time: { hour: number; minute: number }, zone: string): DateTime {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day: date, hour: time.hour, minute: time.minute }, { zone });
}

/** Checks one day of mingle hours against its conference and returns it as UTC instants. */
export function openWindow(conference: ConferenceCalendar, hours: MingleHoursInput): SlotResult<OpenWindow> {
  if (!isValidTimeZone(conference.timeZone)) {
    return fail("TIME_ZONE_INVALID", `"${conference.timeZone}" is not a known time zone (expected e.g. "Europe/Berlin").`);
  }
  const day = toDay(hours.day);
  if (!day) {
    return fail("HOURS_INVALID_DAY", "The day must be a date like 2026-04-18.", { day: "Use YYYY-MM-DD." });
  }
  const opens = parseHhMm(hours.opensAt);
  const closes = parseHhMm(hours.closesAt);
  if (!opens || !closes) {
    const fields: Record<string, string> = {};
    if (!opens) fields.opensAt = `"${hours.opensAt}" is not a time like 09:30.`;
    if (!closes) fields.closesAt = `"${hours.closesAt}" is not a time like 17:00.`;
    return fail("HOURS_INVALID_TIME", "Mingle hours must be 24-hour times like 09:30.", fields);
  }
  const first = toDay(conference.startDate);
  const last = toDay(conference.endDate);
  if (!first || !last || day < first || day > last) {
    return fail("HOURS_DAY_OUTSIDE_CONFERENCE", `${day} is not a conference day (the conference runs ${first ?? "?"} to ${last ?? "?"}).`, {
      day: "Pick a day of the conference.",
    });
  }
  const opensAt = localInstant(day, opens, conference.timeZone);
  const closesAt = localInstant(day, closes, conference.timeZone);
  if (closesAt <= opensAt) {
    return fail("HOURS_CLOSE_BEFORE_OPEN", `Mingle hours on ${day} close (${hours.closesAt}) before they open (${hours.opensAt}).`, {
      closesAt: "Must be later than the opening time.",
    });
  }
  return ok({ day, opensUtc: opensAt.toJSDate(), closesUtc: closesAt.toJSDate() });
}

/**
 * Every slot of every mingle-hours day, in time order. A tail shorter than the slot length is
 * left unused. Fails on the first invalid day, so an organizer sees one clear problem at a time.
 */
export function generateSlots(conference: ConferenceCalendar, hours: readonly MingleHoursInput[], slotMinutes: number): SlotResult<Slot[]> {
  if (!isSlotLength(slotMinutes)) {
    return fail("SLOT_LENGTH_INVALID", `Slots are 15, 20 or 30 minutes long, not ${slotMinutes}.`, {
      slotMinutes: "Choose 15, 20 or 30.",
    });
  }
  const windows: OpenWindow[] = [];
  for (const h of hours) {
    const w = openWindow(conference, h);
    if (!w.ok) return w;
    if (windows.some((other) => other.day === w.value.day)) {
      return fail("HOURS_DUPLICATE_DAY", `${w.value.day} has mingle hours twice; keep one window per day.`);
    }
    windows.push(w.value);
  }
  windows.sort((a, b) => a.opensUtc.getTime() - b.opensUtc.getTime());

  const stepMs = slotMinutes * 60_000;
  const slots: Slot[] = [];
  for (const w of windows) {
    const close = w.closesUtc.getTime();
    for (let start = w.opensUtc.getTime(); start + stepMs <= close; start += stepMs) {
      slots.push({ conferenceId: conference.id, day: w.day, startUtc: new Date(start), endUtc: new Date(start + stepMs) });
    }
  }
  return ok(slots);
}

export interface RequestedSlot {
  conferenceId: string;
  startUtc: Date;
}

/**
 * Is this a bookable slot of this conference right now? Distinct codes so the person learns what
 * to fix: another conference's slot, outside mingle hours, not on a slot boundary, over (or too
 * nearly over). The slot that is running can still be booked while `walkupMinutes` of it are left.
 */
export function validateRequestedSlot(
  conference: ConferenceCalendar,
  hours: readonly MingleHoursInput[],
  slotMinutes: number,
  requested: RequestedSlot,
  now: Date,
  walkupMinutes = WALKUP_MIN_MINUTES,
): SlotResult<Slot> {
  if (requested.conferenceId !== conference.id) {
    return fail("SLOT_WRONG_CONFERENCE", "That time slot belongs to a different conference.");
  }
  const all = generateSlots(conference, hours, slotMinutes);
  if (!all.ok) return all;
  const t = requested.startUtc.getTime();
  if (Number.isNaN(t)) {
    return fail("SLOT_OUTSIDE_HOURS", "That is not a valid time.", { slotStart: "Not a valid date and time." });
  }
  const inWindow = hours.some((h) => {
    const w = openWindow(conference, h);
    return w.ok && t >= w.value.opensUtc.getTime() && t < w.value.closesUtc.getTime();
  });
  if (!inWindow) {
    const local = DateTime.fromJSDate(requested.startUtc).setZone(conference.timeZone).toFormat("ccc d LLL HH:mm");
    return fail("SLOT_OUTSIDE_HOURS", `${local} (${conference.timeZone}) is outside the conference's mingle hours.`);
  }
  const slot = all.value.find((s) => s.startUtc.getTime() === t);
  if (!slot) {
    return fail("SLOT_MISALIGNED", `Sessions start on the ${slotMinutes}-minute slot grid; pick one of the offered times.`);
  }
  const left = slot.endUtc.getTime() - now.getTime();
  if (t <= now.getTime() && left < walkupMinutes * 60_000) {
    return left > 0
      ? fail("SLOT_IN_PAST", `That slot ends in ${Math.ceil(left / 60_000)} min, too soon to meet; pick a later one.`)
      : fail("SLOT_IN_PAST", "That time slot is over; pick a later one.");
  }
  return ok(slot);
}

export type AvailabilityPreset = "WHOLE_DAY" | "HALF_DAY_AM" | "HALF_DAY_PM";

/**
 * Slot starts an availability preset stands for on one day. AM is every slot that starts before
 * local noon, PM every slot that starts at or after it, so AM + PM = whole day with no overlap.
 */
export function expandAvailabilityPreset(slots: readonly Slot[], timeZone: string, day: string, preset: AvailabilityPreset): Date[] {
  return slots
    .filter((s) => s.day === day)
    .filter((s) => {
      if (preset === "WHOLE_DAY") return true;
      const beforeNoon = DateTime.fromJSDate(s.startUtc).setZone(timeZone).hour < 12;
      return preset === "HALF_DAY_AM" ? beforeNoon : !beforeNoon;
    })
    .map((s) => s.startUtc);
}

export interface ExistingSlot {
  id: string;
  startUtc: Date;
  endUtc: Date;
  /** Sessions of any status on this slot (a slot row with sessions cannot be deleted). */
  sessions: number;
  /** Of those, live (PENDING or ACCEPTED) ones. */
  liveSessions: number;
}

export interface SlotSyncPlan {
  keepIds: string[];
  removeIds: string[];
  create: Slot[];
}

const overlaps = (a: { startUtc: Date; endUtc: Date }, b: { startUtc: Date; endUtc: Date }) =>
  a.startUtc.getTime() < b.endUtc.getTime() && b.startUtc.getTime() < a.endUtc.getTime();

/**
 * How to move the stored slots to a newly generated set (another slot length or other hours):
 * identical slots are kept (their availability survives); slots without sessions are removed;
 * a slot with only closed sessions is kept for history and the new slots it overlaps are skipped
 * (slots never overlap, see the migration); a slot with a live session that the new grid does not
 * contain refuses the whole change, since moving people silently is worse than asking first.
 */
export function planSlotSync(existing: readonly ExistingSlot[], desired: readonly Slot[], timeZone: string): SlotResult<SlotSyncPlan> {
  const key = (s: { startUtc: Date; endUtc: Date }) => `${s.startUtc.getTime()}-${s.endUtc.getTime()}`;
  const wanted = new Map(desired.map((s) => [key(s), s]));
  const keep: ExistingSlot[] = [];
  const removeIds: string[] = [];
  const orphaned: ExistingSlot[] = [];
  for (const slot of existing) {
    if (wanted.has(key(slot))) keep.push(slot);
    else if (slot.liveSessions > 0) orphaned.push(slot);
    else if (slot.sessions > 0) keep.push(slot);
    else removeIds.push(slot.id);
  }
  if (orphaned.length > 0) {
    const when = orphaned
      .slice(0, 3)
      .map((s) => DateTime.fromJSDate(s.startUtc).setZone(timeZone).toFormat("ccc d LLL HH:mm"))
      .join(", ");
    const more = orphaned.length > 3 ? ` and ${orphaned.length - 3} more` : "";
    return fail(
      "SLOTS_IN_USE",
      `This change would drop ${orphaned.length} slot${orphaned.length === 1 ? "" : "s"} that still have booked or requested sessions (${when}${more}). Cancel or move those sessions first, or keep the current slot length and hours.`,
    );
  }
  const keptKeys = new Set(keep.map(key));
  const create = desired.filter((s) => !keptKeys.has(key(s)) && !keep.some((k) => overlaps(k, s)));
  return ok({ keepIds: keep.map((s) => s.id), removeIds, create });
}

import { DateTime } from "luxon";

/**
 * How slots read in the booking UI: the conference's clock (that is where the table is), with the
 * viewer's own clock beside it when it reads differently. The full one-line form of a session's
 * time comes from lib/booking/time.ts (the API's `timeLabel`); these are the compact pieces a slot
 * grid needs.
 */

/** The browser's IANA zone, or null when it cannot tell (then only the conference clock shows). */
export function viewerTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

export interface SlotClock {
  /** "14:30–14:50" in the conference zone. */
  local: string;
  /** "21:30" on the viewer's clock, or null when it reads the same. */
  yours: string | null;
}

export function slotClock(startIso: string, endIso: string, conferenceZone: string, viewerZone: string | null): SlotClock {
  const start = DateTime.fromISO(startIso).setZone(conferenceZone);
  const end = DateTime.fromISO(endIso).setZone(conferenceZone);
  const local = `${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")}`;
  if (!viewerZone) return { local, yours: null };
  const mine = start.setZone(viewerZone);
  if (!mine.isValid || mine.offset === start.offset) return { local, yours: null };
  return { local, yours: mine.hasSame(start, "day") ? mine.toFormat("HH:mm") : mine.toFormat("ccc HH:mm") };
}

/** "2026-04-18" → "Saturday 18 April". */
export function dayHeading(day: string): string {
  const d = DateTime.fromISO(day, { zone: "utc" });
  return d.isValid ? d.setLocale("en-GB").toFormat("cccc d LLLL") : day;
}

/** "2026-04-18" → "Sat 18 Apr". */
export function shortDay(day: string): string {
  const d = DateTime.fromISO(day, { zone: "utc" });
  return d.isValid ? d.setLocale("en-GB").toFormat("ccc d LLL") : day;
}

/** "Chicago" from "America/Chicago". */
export function zoneLabel(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** Slots in start order, grouped by their conference day, days in order. */
export function groupByDay<T extends { day: string; startsAt: string }>(slots: readonly T[]): Array<{ day: string; slots: T[] }> {
  const byDay = new Map<string, T[]>();
  for (const slot of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const list = byDay.get(slot.day) ?? [];
    list.push(slot);
    byDay.set(slot.day, list);
  }
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, slots: list }));
}

/** "in 4 min", "in 1 h 05 min", "now": a countdown a person can read at a glance. */
export function untilLabel(targetIso: string, now: number): string {
  const ms = new Date(targetIso).getTime() - now;
  if (ms <= 0) return "now";
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `in ${h} h ${String(m).padStart(2, "0")} min`;
}

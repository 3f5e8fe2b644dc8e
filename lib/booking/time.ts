import { DateTime } from "luxon";

/**
 * How a session time reads to a person: always in the conference's zone (that is where the table
 * is), with the viewer's own clock beside it when it reads differently there.
 *   "Sat 18 Apr, 14:30–14:50 (Austin) · 21:30 your time"
 * A fixed locale keeps the output the same on every server and in every test.
 */
const LOCALE = "en-GB";
const DAY = "ccc d LLL";
const CLOCK = "HH:mm";

export interface SessionTimeInput {
  startUtc: Date;
  endUtc: Date;
  conferenceTimeZone: string;
  /** The viewer's IANA zone (profile or browser); unknown or invalid → no "your time" part. */
  viewerTimeZone?: string | null;
  /** Where the conference is, e.g. "Austin"; defaults to the city in the zone name. */
  placeLabel?: string;
}

/** "America/Los_Angeles" → "Los Angeles". */
export function zoneCity(zone: string): string {
  const last = zone.split("/").pop() ?? zone;
  return last.replace(/_/g, " ");
}

export function formatSessionTime(input: SessionTimeInput): string {
  const start = DateTime.fromJSDate(input.startUtc).setZone(input.conferenceTimeZone).setLocale(LOCALE);
  const end = DateTime.fromJSDate(input.endUtc).setZone(input.conferenceTimeZone).setLocale(LOCALE);
  if (!start.isValid || !end.isValid) throw new Error(`Cannot format session time in zone "${input.conferenceTimeZone}"`);

  const sameDay = start.hasSame(end, "day");
  const span = sameDay
    ? `${start.toFormat(DAY)}, ${start.toFormat(CLOCK)}–${end.toFormat(CLOCK)}`
    : `${start.toFormat(DAY)}, ${start.toFormat(CLOCK)} – ${end.toFormat(DAY)}, ${end.toFormat(CLOCK)}`;
  const label = input.placeLabel?.trim() || zoneCity(input.conferenceTimeZone);
  const local = `${span} (${label})`;

  const yours = viewerPart(start, input.viewerTimeZone);
  return yours ? `${local} · ${yours}` : local;
}

/** One instant as "Sat 18 Apr, 14:31" in `zone` (a session's history). */
export function formatInstant(at: Date, zone: string): string {
  const t = DateTime.fromJSDate(at).setZone(zone).setLocale(LOCALE);
  if (!t.isValid) throw new Error(`Cannot format a time in zone "${zone}"`);
  return `${t.toFormat(DAY)}, ${t.toFormat(CLOCK)}`;
}

function viewerPart(start: DateTime, viewerZone: string | null | undefined): string | null {
  if (!viewerZone) return null;
  const mine = start.setZone(viewerZone);
  // Zones with different names can read the same here (Berlin and Paris): say nothing then.
  if (!mine.isValid || mine.offset === start.offset) return null;
  const clock = mine.toFormat(CLOCK);
  return mine.hasSame(start, "day") ? `${clock} your time` : `${mine.toFormat(DAY)}, ${clock} your time`;
}

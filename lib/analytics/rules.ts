import { DateTime } from "luxon";

/** Pure parts of analytics: the day range, buckets, expert load, CSV. No database, no framework. */

/** A conference day (YYYY-MM-DD, in its zone) as the UTC instants [from, to): DST days are 23 or 25 hours. */
export function dayRange(day: string, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf("day");
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** Every day from start to end (YYYY-MM-DD), at most 62. */
export function conferenceDayList(startDate: string, endDate: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(startDate, { zone: "utc" }); d.toISODate()! <= endDate && days.length < 62; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

/** The last bucket of the meetings-per-attendee chart holds everyone with this many or more. */
export const MEETINGS_TOP_BUCKET = 10;

/** 0, 1, ..., 9, "10+": a bar for every count up to the largest seen, so gaps show as zero bars. */
export function meetingsBuckets(rows: readonly { meetings: number; attendees: number }[]): { meetings: string; attendees: number }[] {
  const max = Math.min(
    MEETINGS_TOP_BUCKET,
    rows.reduce((m, r) => Math.max(m, r.meetings), 0),
  );
  const out = Array.from({ length: max + 1 }, (_, i) => ({ meetings: i === MEETINGS_TOP_BUCKET ? `${i}+` : String(i), attendees: 0 }));
  for (const r of rows) out[Math.min(r.meetings, MEETINGS_TOP_BUCKET)]!.attendees += r.attendees;
  return out;
}

export function averageMeetings(rows: readonly { meetings: number; attendees: number }[]): number | null {
  const people = rows.reduce((n, r) => n + r.attendees, 0);
  if (people === 0) return null;
  return round(rows.reduce((n, r) => n + r.meetings * r.attendees, 0) / people, 2);
}

/** An expert is overloaded from this many requests on, when most of them went unanswered or were declined. */
export const OVERLOAD_MIN_REQUESTS = 3;

export type ExpertLoad = "overloaded" | "busy" | "balanced";

/**
 * Overloaded: asked at least OVERLOAD_MIN_REQUESTS times and turned down (declined, or let expire)
 * more than they took: the organizer should recruit a second expert on the topic. Busy: asked at
 * least twice as often as the median expert, and keeping up.
 */
export function expertLoad(e: { received: number; accepted: number; declined: number; expired: number }, medianReceived: number): ExpertLoad {
  if (e.received >= OVERLOAD_MIN_REQUESTS && e.declined + e.expired > e.accepted) return "overloaded";
  if (e.received >= Math.max(OVERLOAD_MIN_REQUESTS, 2 * medianReceived)) return "busy";
  return "balanced";
}

/** Nearest-rank median of whole numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---- CSV (RFC 4180) ---------------------------------------------------------------------------

export type CsvCell = string | number | boolean | null | undefined | Date;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip before looking) as a formula: a name like "=HYPERLINK(...)" typed into a profile must
 * arrive as text. Such text cells get a leading apostrophe (OWASP's advice); numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV: CRLF line ends, a header row, a byte-order mark so spreadsheet apps read UTF-8 names right. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

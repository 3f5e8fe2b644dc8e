import { DateTime } from "luxon";

/** How the Analytics page writes durations, shares, counts and days. */

export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const percent = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)} %`);
export const dayLabel = (d: string) => DateTime.fromISO(d, { zone: "utc" }).setLocale("en-GB").toFormat("ccc d LLL");

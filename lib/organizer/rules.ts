/** Pure parts of organizer set-up: no Prisma, no framework. */

/** A conference runs on consecutive days; a month is plenty and keeps slot generation small. */
export const MAX_CONFERENCE_DAYS = 31;

export function conferenceDays(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Pure parts of organizer set-up: no Prisma, no framework. */

export interface StoredSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Sessions of any status that point at the slot (the foreign key keeps such a slot). */
  sessions: number;
  liveSessions: number;
}

export interface WantedSlot {
  startUtc: Date;
  endUtc: Date;
}

export interface SlotDiff {
  keep: StoredSlot[];
  remove: StoredSlot[];
  create: WantedSlot[];
  /** Slots that would have to go but hold sessions: the sync is refused while any exist. */
  blocked: StoredSlot[];
}

const key = (start: Date, end: Date) => `${start.getTime()}-${end.getTime()}`;

/**
 * What a slot sync changes: identical slots are kept (their availability and sessions stay), the
 * rest are replaced. A slot that would disappear but has sessions blocks the sync, because deleting
 * it would orphan them and keeping it would overlap the new grid.
 */
export function diffSlots(stored: readonly StoredSlot[], wanted: readonly WantedSlot[]): SlotDiff {
  const want = new Map(wanted.map((w) => [key(w.startUtc, w.endUtc), w]));
  const have = new Set(stored.map((s) => key(s.startsAt, s.endsAt)));
  const keep = stored.filter((s) => want.has(key(s.startsAt, s.endsAt)));
  const remove = stored.filter((s) => !want.has(key(s.startsAt, s.endsAt)));
  const create = wanted.filter((w) => !have.has(key(w.startUtc, w.endUtc)));
  return { keep, remove, create, blocked: remove.filter((s) => s.sessions > 0) };
}

/** A conference runs on consecutive days; a month is plenty and keeps slot generation small. */
export const MAX_CONFERENCE_DAYS = 31;

export function conferenceDays(startDate: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}

import type { SessionStatus } from "../rules";

/**
 * How the booking repositories read PostgreSQL's refusals: every write that an invariant guards
 * maps the constraint's 23505 to a code, which the use cases turn into the precise failure.
 */

export const SEAT_INDEX = "SessionSeat_userId_slotId_key";
export const TABLE_INDEX = "MingleSession_slotId_tableId_live_key";

/** What a guarded write ran into; the use case turns it into the precise code. */
export type WriteConflict = "SEAT_TAKEN" | "TABLE_TAKEN" | "STALE_STATE";

/** Walks Prisma 7's error (and driver-adapter cause) for the unique index a write violated. */
export function violatedIndex(error: unknown): string | null {
  const e = error as {
    code?: string;
    meta?: { target?: unknown; driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } };
    message?: string;
  };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.constraint?.index) return cause.constraint.index;
  if (typeof e?.meta?.target === "string") return e.meta.target;
  for (const name of [SEAT_INDEX, TABLE_INDEX]) if (typeof e?.message === "string" && e.message.includes(name)) return name;
  return null;
}

export function conflictOf(error: unknown): WriteConflict | null {
  const index = violatedIndex(error);
  if (index === SEAT_INDEX) return "SEAT_TAKEN";
  if (index === TABLE_INDEX) return "TABLE_TAKEN";
  return null;
}

export const TX = { maxWait: 15_000, timeout: 15_000 } as const;
export const RETRY = { attempts: 10, baseDelayMs: 10, maxDelayMs: 250 };

export const LIVE: SessionStatus[] = ["PENDING", "ACCEPTED"];

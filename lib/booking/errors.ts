import { COMMON_ERRORS } from "@/lib/errors";
import { LAB_LAUNCH_ERRORS } from "@/lib/labs/errors";
import { OVERLOAD_ERRORS } from "@/lib/overload/admission";

/**
 * Every code the booking slice can fail with, and the HTTP status it maps to at the edge.
 * Messages are written where the failure is made (they name the slot, the limit, ...).
 */
export const BOOKING_ERRORS = {
  ...COMMON_ERRORS,
  // Too many writes at once (lib/booking/write-admission.ts): 503 with Retry-After.
  ...OVERLOAD_ERRORS,
  // Conference set-up (organizer input)
  HOURS_INVALID_TIME: 422,
  HOURS_CLOSE_BEFORE_OPEN: 422,
  HOURS_DAY_OUTSIDE_CONFERENCE: 422,
  HOURS_DUPLICATE_DAY: 422,
  HOURS_INVALID_DAY: 422,
  SLOT_LENGTH_INVALID: 422,
  TIME_ZONE_INVALID: 422,
  // A requested slot
  SLOT_WRONG_CONFERENCE: 422,
  SLOT_OUTSIDE_HOURS: 422,
  SLOT_MISALIGNED: 422,
  SLOT_IN_PAST: 422,
  SLOT_TAKEN: 409,
  PERSON_BUSY: 409,
  NO_TABLE_FREE: 409,
  TABLE_TAKEN: 409,
  TABLE_TOO_SMALL: 409,
  EXPERT_NOT_AVAILABLE: 409,
  OFFER_UNAVAILABLE: 409,
  SLOTS_IN_USE: 409,
  // Request life cycle
  NOT_PENDING: 409,
  NOT_LIVE: 409,
  NOT_YOUR_REQUEST: 403,
  NOT_YOUR_TURN: 409,
  HOLD_EXPIRED: 409,
  HOLD_NOT_EXPIRED: 409,
  SESSION_OVER: 409,
  SAME_SLOT: 422,
  PROPOSAL_LIMIT_REACHED: 409,
  PENDING_LIMIT_REACHED: 429,
  CANNOT_BOOK_SELF: 422,
  REASON_REQUIRED: 422,
  REASON_TOO_LONG: 422,
  NOT_ACCEPTED: 409,
  NOT_DURING_SESSION: 409,
  SESSION_NOT_OVER: 409,
  NO_LAB_TEMPLATE: 409,
  LABS_UNAVAILABLE: 503,
  // "Open lab" launches through the labs slice, whose refusals pass through with their codes.
  ...LAB_LAUNCH_ERRORS,
  // A transition lost a compare-and-set race (someone else changed the request first).
  STALE_STATE: 409,
} as const;

export type BookingErrorCode = keyof typeof BOOKING_ERRORS;

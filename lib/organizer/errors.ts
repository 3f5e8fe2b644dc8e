import { COMMON_ERRORS } from "@/lib/errors";

/**
 * Codes of the organizer set-up slice. Mingle-hours problems reuse the booking codes
 * (HOURS_CLOSE_BEFORE_OPEN, HOURS_DAY_OUTSIDE_CONFERENCE, ...) from lib/booking/slots.ts.
 */
export const ORGANIZER_ERRORS = {
  ...COMMON_ERRORS,
  AREA_NAME_TAKEN: 409,
  TABLE_LABEL_TAKEN: 409,
  TABLE_IN_USE: 409,
  AREA_IN_USE: 409,
  CONFERENCE_DATES_INVALID: 422,
  RECIPIENT_NOT_FOUND: 404,
} as const;
export type OrganizerErrorCode = keyof typeof ORGANIZER_ERRORS;

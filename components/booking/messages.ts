import type { ApiError } from "@/components/api-client";

/**
 * The API's messages already name the slot or the limit; a few codes read better said the way a
 * person in a busy hall needs them (and tell them what to do next).
 */
const OVERRIDES: Partial<Record<string, string>> = {
  SLOT_TAKEN: "That slot was just taken — pick another.",
  EXPERT_NOT_AVAILABLE: "That slot was just taken — pick another.",
  HOLD_EXPIRED: "This request expired before it was answered.",
  STALE_STATE: "Someone changed this session a moment ago — here is its latest state.",
  NO_TABLE_FREE: "Every table is taken at that time — pick another slot.",
};

export function bookingErrorMessage(error: ApiError): string {
  return OVERRIDES[error.code] ?? error.message;
}

/** Codes after which the list of free slots is out of date and should be fetched again. */
export function slotsChanged(error: ApiError): boolean {
  return ["SLOT_TAKEN", "EXPERT_NOT_AVAILABLE", "PERSON_BUSY", "SLOT_IN_PAST", "NO_TABLE_FREE"].includes(error.code);
}

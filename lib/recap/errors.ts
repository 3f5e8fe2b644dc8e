import { COMMON_ERRORS } from "@/lib/errors";

/** Codes of the attendee recap (lib/http.ts merges the tables). */
export const RECAP_ERRORS = {
  ...COMMON_ERRORS,
  NOT_MET: 404,
} as const;
export type RecapErrorCode = keyof typeof RECAP_ERRORS;

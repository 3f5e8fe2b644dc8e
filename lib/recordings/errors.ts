import { COMMON_ERRORS } from "@/lib/errors";

/** Codes of terminal recordings (lib/http.ts merges the tables). */
export const RECORDING_ERRORS = {
  ...COMMON_ERRORS,
  /** The choice is fixed once the recording began, or the other person turned it off. */
  RECORDING_LOCKED: 409,
} as const;
export type RecordingErrorCode = keyof typeof RECORDING_ERRORS;

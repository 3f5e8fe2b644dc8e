import { COMMON_ERRORS } from "@/lib/errors";

/** Codes of the analytics and recap slices, with their HTTP statuses (lib/http.ts merges the tables). */
export const ANALYTICS_ERRORS = {
  ...COMMON_ERRORS,
  DAY_OUTSIDE_CONFERENCE: 422,
  AREA_NOT_FOUND: 404,
} as const;
export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERRORS;

/** Codes a lab launch can fail with (booking's "Open lab" passes them through, see lib/booking/errors.ts). */
export const LAB_LAUNCH_ERRORS = {
  TEMPLATE_NOT_FOUND: 404,
  /** An organizer disabled the template (a person's own, lib/templates). */
  TEMPLATE_DISABLED: 409,
  LAB_LIMIT_REACHED: 409,
  LAUNCH_FAILED: 502,
  ENGINE_UNAVAILABLE: 503,
  /** Every engine is at its budget, or the server at its cap (capacity.ts); answered with Retry-After. */
  LABS_AT_CAPACITY: 503,
  /** LAB_LAUNCH_RATE_LIMIT: launches per user per window, across every process; answered with Retry-After. */
  TOO_MANY_LAUNCHES: 429,
} as const;

/** Seconds a client is asked to wait (Retry-After) before trying a refused launch again. */
export const LAB_RETRY_AFTER_SECONDS: Partial<Record<LabErrorCode, number>> = { LABS_AT_CAPACITY: 60, ENGINE_UNAVAILABLE: 30 };

/** Codes the labs slice can fail with, and the HTTP status each maps to. */
export const LAB_ERRORS = {
  ...LAB_LAUNCH_ERRORS,
  LAB_NOT_FOUND: 404,
  LAB_NOT_READY: 409,
} as const;

export type LabErrorCode = keyof typeof LAB_ERRORS;
export type LabLaunchErrorCode = keyof typeof LAB_LAUNCH_ERRORS;

/** Codes the labs slice can fail with, and the HTTP status each maps to. */
export const LAB_ERRORS = {
  TEMPLATE_NOT_FOUND: 404,
  LAB_NOT_FOUND: 404,
  LAB_NOT_READY: 409,
  LAB_LIMIT_REACHED: 409,
  LAUNCH_FAILED: 502,
  ENGINE_UNAVAILABLE: 503,
} as const;

export type LabErrorCode = keyof typeof LAB_ERRORS;

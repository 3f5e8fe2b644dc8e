import { LAB_LAUNCH_ERRORS } from "@/lib/labs/errors";

/** Codes the templates slice can fail with, and the HTTP status each maps to. Try it passes a launch's codes through. */
export const TEMPLATE_ERRORS = {
  ...LAB_LAUNCH_ERRORS,
  USER_TEMPLATE_NOT_FOUND: 404,
  /** The YAML has problems (each with its line and column: POST /api/v1/templates/validate lists them). */
  TEMPLATE_INVALID: 422,
  TEMPLATE_LIMIT_REACHED: 409,
} as const;

export type TemplateErrorCode = keyof typeof TEMPLATE_ERRORS | "FORBIDDEN";

import { ZodError } from "zod";
import { AUTH_ERRORS } from "@/lib/auth/errors";
import { BOOKING_ERRORS } from "@/lib/booking/errors";
import { COMMON_ERRORS, type Failure, type FieldErrors } from "@/lib/errors";
import { ORGANIZER_ERRORS } from "@/lib/organizer/errors";
import { LAB_ERRORS } from "@/lib/labs/errors";
import { OFFER_ERRORS } from "@/lib/offers/errors";

/**
 * The one mapper from error codes to HTTP statuses. Each slice declares its own codes in its
 * errors.ts; add the table here when a slice is added.
 */
const STATUS: Record<string, number> = {
  ...COMMON_ERRORS,
  ...AUTH_ERRORS,
  ...OFFER_ERRORS,
  ...LAB_ERRORS,
  ...BOOKING_ERRORS,
  ...ORGANIZER_ERRORS,
};

export function statusFor(code: string): number {
  return STATUS[code] ?? 400;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors };
}

export function errorBody(failure: Pick<Failure, "code" | "message" | "fields">): ErrorBody {
  const { code, message, fields } = failure;
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function errorResponse(failure: Pick<Failure, "code" | "message" | "fields">, headers?: HeadersInit, status?: number): Response {
  return Response.json(errorBody(failure), { status: status ?? statusFor(failure.code), headers });
}

/** Field paths to messages; the first message per field wins. */
export function zodFields(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= `Unknown field "${key}".`;
      continue;
    }
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationFailure(error: ZodError, what = "request"): Failure {
  const fields = zodFields(error);
  const list = Object.entries(fields).map(([k, v]) => (k === "_" ? v : `${k}: ${v}`));
  return { ok: false, code: "VALIDATION_FAILED", message: `The ${what} is not valid. ${list.slice(0, 3).join(" ")}`.trim(), fields };
}

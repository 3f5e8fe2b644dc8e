import { ANALYTICS_ERRORS } from "@/lib/analytics/errors";
import { AUTH_ERRORS } from "@/lib/auth/errors";
import { BOOKING_ERRORS } from "@/lib/booking/errors";
import { RETRY_AFTER_SECONDS } from "@/lib/dependency-outage";
import { COMMON_ERRORS, type Failure, type FieldErrors } from "@/lib/errors";
import { HOST_ERRORS } from "@/lib/hosts/errors";
import { HOST_JOIN_ERRORS } from "@/lib/hosts/join-errors";
import { ORGANIZER_ERRORS } from "@/lib/organizer/errors";
import { LAB_ERRORS, LAB_RETRY_AFTER_SECONDS } from "@/lib/labs/errors";
import { OFFER_ERRORS } from "@/lib/offers/errors";
import { OVERLOAD_RETRY_AFTER_SECONDS } from "@/lib/overload/admission";
import { PREVIEW_ERRORS } from "@/lib/preview/errors";
import { RECAP_ERRORS } from "@/lib/recap/errors";
import { TEMPLATE_ERRORS } from "@/lib/templates/errors";
import { RECORDING_ERRORS } from "@/lib/recordings/errors";
import { WORKSPACE_ERRORS } from "@/lib/labs/workspace-errors";

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
  ...HOST_ERRORS,
  ...HOST_JOIN_ERRORS,
  ...ANALYTICS_ERRORS,
  ...RECAP_ERRORS,
  ...PREVIEW_ERRORS,
  ...TEMPLATE_ERRORS,
  ...RECORDING_ERRORS,
  ...WORKSPACE_ERRORS,
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

/** Codes whose refusal tells the client when to come back (Retry-After, seconds). */
const RETRY_AFTER: Record<string, number> = { ...LAB_RETRY_AFTER_SECONDS, ...OVERLOAD_RETRY_AFTER_SECONDS };

export function errorResponse(failure: Pick<Failure, "code" | "message" | "fields" | "retryAfterSeconds">, headers?: HeadersInit, status?: number): Response {
  const code = status ?? statusFor(failure.code);
  const all = new Headers(headers);
  // A 503 is an outage or a full machine: tell clients when to come back (a code may name its own delay).
  const retryAfter = failure.retryAfterSeconds ?? RETRY_AFTER[failure.code] ?? (code === 503 ? RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined && !all.has("retry-after")) all.set("retry-after", String(retryAfter));
  return Response.json(errorBody(failure), { status: code, headers: all });
}

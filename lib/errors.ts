import type { ZodError } from "zod";

/**
 * Expected failures are values with a code; bugs and outages throw.
 * Each slice declares its codes with the HTTP status they map to (see lib/http.ts).
 */
export type FieldErrors = Record<string, string>;

export interface Failure<C extends string = string> {
  ok: false;
  code: C;
  message: string;
  fields?: FieldErrors;
  /** A refusal that knows when the caller may come back (a rate limit): the edge sends it as Retry-After. */
  retryAfterSeconds?: number;
}

export interface Success<T> {
  ok: true;
  value: T;
}

export type Result<T, C extends string = string> = Success<T> | Failure<C>;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail<C extends string>(code: C, message: string, fields?: FieldErrors): Failure<C> {
  return fields ? { ok: false, code, message, fields } : { ok: false, code, message };
}

/** Thrown only to cross layers that cannot return a Result (e.g. inside a transaction callback). */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }

  toFailure(): Failure<C> {
    return fail(this.code, this.message, this.fields);
  }
}

/** Codes every slice may use, with their HTTP status. */
export const COMMON_ERRORS = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

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
  return fail("VALIDATION_FAILED", `The ${what} is not valid. ${list.slice(0, 3).join(" ")}`.trim(), fields);
}

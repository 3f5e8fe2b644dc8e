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
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

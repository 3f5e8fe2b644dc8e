export const AUTH_ERRORS = {
  EMAIL_TAKEN: 409,
  WEAK_PASSWORD: 422,
  BAD_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
} as const;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;

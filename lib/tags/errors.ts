/** Codes the tags slice can fail with, and the HTTP status each maps to (see lib/http.ts). */
export const TAG_ERRORS = {
  TAG_EMPTY: 422,
  TAG_TOO_LONG: 422,
  TOO_MANY_TAGS: 422,
} as const;

export type TagErrorCode = keyof typeof TAG_ERRORS;

/** Codes the offers slice can fail with, and the HTTP status each maps to (see lib/http.ts). */
export const OFFER_ERRORS = {
  OFFER_NOT_FOUND: 404,
  OFFER_NOT_YOURS: 403,
  OFFER_LIMIT_REACHED: 409,
} as const;

export type OfferErrorCode = keyof typeof OFFER_ERRORS;

/** Codes of joining and renewing a backing host (lib/hosts/join-host.ts, renew-host-certificate.ts). */
export const HOST_JOIN_ERRORS = {
  JOIN_TOKEN_MALFORMED: 422,
  JOIN_TOKEN_UNKNOWN: 403,
  JOIN_TOKEN_OTHER_CA: 403,
  JOIN_TOKEN_EXPIRED: 410,
  JOIN_TOKEN_USED: 409,
  JOIN_HOST_NAME_MISMATCH: 409,
  CSR_INVALID: 422,
  HOST_NAMES_INVALID: 422,
  HOST_CERTIFICATE_INVALID: 403,
} as const;
export type HostJoinErrorCode = keyof typeof HOST_JOIN_ERRORS;

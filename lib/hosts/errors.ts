/** Codes the hosts slice can fail with, and the HTTP status each maps to. */
export const HOST_ERRORS = {
  HOST_NOT_FOUND: 404,
  HOST_NAME_TAKEN: 409,
  HOST_URL_TAKEN: 409,
  /** Remove needs the host drained first. */
  HOST_NOT_DRAINED: 409,
  /** Remove needs the host to run no labs. */
  HOST_NOT_EMPTY: 409,
  /** The implicit local engine has no record to remove (LAB_LOCAL_HOST=false leaves it out). */
  HOST_IS_LOCAL: 409,
  /** Adding a host: no Docker Engine answered at its URL. */
  HOST_UNREACHABLE: 422,
  HOST_URL_INVALID: 422,
} as const;

export type HostErrorCode = keyof typeof HOST_ERRORS;

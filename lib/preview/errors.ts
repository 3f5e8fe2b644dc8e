/** Codes the port preview can fail with, and their HTTP statuses (lib/http.ts merges the table). */
export const PREVIEW_ERRORS = {
  /** The lab's template declares no such port (x-mingle.ports). */
  PREVIEW_PORT_NOT_DECLARED: 404,
  /** A preview token or session that is forged, used twice, or for another origin. */
  PREVIEW_TOKEN_INVALID: 403,
  /** The token or the preview session has expired: open the preview again from the lab page. */
  PREVIEW_EXPIRED: 403,
  /** Organizers who do not take part watch read-only: GET and HEAD only, no WebSocket. */
  PREVIEW_READ_ONLY: 405,
  PREVIEW_TOO_LARGE: 413,
  /** Nothing answers on the port inside the lab (or the tunnel broke). */
  PREVIEW_UNREACHABLE: 502,
  /** Too many preview requests at once, for the lab or for the server. */
  PREVIEW_BUSY: 503,
  PREVIEW_TIMEOUT: 504,
  /** A request from a preview page to Mingle itself. */
  PREVIEW_ORIGIN_REFUSED: 403,
} as const;

export type PreviewErrorCode = keyof typeof PREVIEW_ERRORS;

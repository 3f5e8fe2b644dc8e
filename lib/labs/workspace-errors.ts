/**
 * Codes of the lab workspace (files, checks, extend: lib/labs/*-file*.ts, run-check.ts,
 * extend-lab.ts), with their HTTP statuses (lib/http.ts merges the table).
 */
export const WORKSPACE_ERRORS = {
  FILE_NOT_FOUND: 404,
  /** The path is not allowed: "..", a control character, or it resolves (symlinks) outside /home/lab and /lab. */
  FILE_PATH_REFUSED: 422,
  NOT_A_DIRECTORY: 409,
  NOT_A_FILE: 409,
  /** Past the lab's free space (its tmpfs size), or past what the editor opens. */
  FILE_TOO_LARGE: 413,
  FILE_NOT_TEXT: 415,
  /** An upload without Content-Length (its size must be known before the first byte). */
  LENGTH_REQUIRED: 411,
  UPLOAD_INCOMPLETE: 400,
  /** Files and checks need a container lab: a vm lab's files live inside its VM. */
  WORKSPACE_UNAVAILABLE: 409,
  CHECK_NOT_FOUND: 404,
  EXTEND_LIMIT_REACHED: 409,
  EXTEND_UNAVAILABLE: 409,
} as const;

export type WorkspaceErrorCode = keyof typeof WORKSPACE_ERRORS;

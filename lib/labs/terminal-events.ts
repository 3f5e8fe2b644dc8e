import { z } from "zod";

/**
 * The lab terminal's socket.io events, shared by the server (lib/labs/terminal-socket.ts) and the
 * browser (components/labs/lab-terminal.tsx). The server validates every payload with these.
 */
export const TERMINAL_LIMITS = {
  /** Characters per lab:input event; the browser splits pastes into pieces of this size. */
  inputChars: 4096,
  maxCols: 500,
  maxRows: 200,
} as const;

const labId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a lab id");
const cols = z.number().int().min(2).max(TERMINAL_LIMITS.maxCols);
const rows = z.number().int().min(2).max(TERMINAL_LIMITS.maxRows);

export const attachPayload = z.object({ labId, cols, rows }).strict();
export const inputPayload = z.object({ labId, data: z.string().min(1).max(TERMINAL_LIMITS.inputChars) }).strict();
export const resizePayload = z.object({ labId, cols, rows }).strict();
export const ackPayload = z
  .object({
    labId,
    bytes: z
      .number()
      .int()
      .min(0)
      .max(64 * 1024 * 1024),
  })
  .strict();
export const detachPayload = z.object({ labId }).strict();

export type AttachPayload = z.infer<typeof attachPayload>;
export type InputPayload = z.infer<typeof inputPayload>;
export type ResizePayload = z.infer<typeof resizePayload>;
export type AckPayload = z.infer<typeof ackPayload>;
export type DetachPayload = z.infer<typeof detachPayload>;

export interface TerminalError {
  code: string;
  message: string;
}

export type TerminalAck<T = Record<never, never>> = ({ ok: true } & T) | { ok: false; error: TerminalError };

/** `replay` is the scroll-back (binary; an ArrayBuffer in the browser). */
export type AttachAck = TerminalAck<{ canType: boolean; replay: Uint8Array | ArrayBuffer }>;

export interface LabOutputPayload {
  labId: string;
  /** Raw TTY bytes (an ArrayBuffer in the browser). Acknowledge data.byteLength with lab:ack once rendered. */
  data: Uint8Array | ArrayBuffer;
  /**
   * Clear the terminal first: the server skipped this viewer to the live tail after it fell
   * behind; `data` then starts with a visible "output skipped" marker.
   */
  reset?: boolean;
}

export interface LabTerminalEndedPayload {
  labId: string;
  reason: string;
}

export interface TerminalClientEvents {
  "lab:attach": (payload: AttachPayload, ack: (res: AttachAck) => void) => void;
  "lab:input": (payload: InputPayload, ack?: (res: TerminalAck) => void) => void;
  "lab:resize": (payload: ResizePayload, ack?: (res: TerminalAck) => void) => void;
  "lab:ack": (payload: AckPayload) => void;
  "lab:detach": (payload: DetachPayload, ack?: (res: TerminalAck) => void) => void;
}

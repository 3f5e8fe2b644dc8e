import { z } from "zod";
import { singleLine } from "@/lib/text-input";

/** zod shapes for the recordings' edges (API params and bodies, the views pages get). */
const id = (what: string) =>
  singleLine(what, { error: `${what} is required.` })
    .min(1, `${what} is required.`)
    .max(64, `${what} is at most 64 characters.`);

export const sessionRecordingParams = z.strictObject({ sessionId: id("sessionId") });
export const recordingParams = z.strictObject({ recordingId: id("recordingId") });

export const setSessionRecordingBody = z.strictObject({
  enabled: z.boolean({ error: "enabled must be true (record the lab's terminal) or false (do not)." }),
});
export type SetSessionRecordingInput = z.infer<typeof setSessionRecordingBody>;

/** Whether a session's lab terminal will be recorded, and whether the viewer may change that. */
export const sessionRecordingView = z.object({
  sessionId: z.string(),
  /** Recorded when its lab's terminal opens (or being recorded, once begun). */
  enabled: z.boolean(),
  /** The template keeps keystrokes too. */
  input: z.boolean(),
  /** Why not, when not: a sentence. */
  reason: z.string().nullable(),
  offBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** A recording has begun: the choice is fixed. */
  started: z.boolean(),
  canChange: z.boolean(),
});
export type SessionRecordingView = z.infer<typeof sessionRecordingView>;

export const recordingView = z.object({
  id: z.string(),
  labId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  bytes: z.number().int(),
  input: z.boolean(),
  truncated: z.boolean(),
  droppedBytes: z.number().int(),
  castUrl: z.string(),
});
export type RecordingView = z.infer<typeof recordingView>;

export const sessionRecordingsView = z.object({ recordings: z.array(recordingView) });
export type SessionRecordingsView = z.infer<typeof sessionRecordingsView>;

/** The lab page's badge: recording, stopped at the cap, or not recorded (and why). */
export type RecordingBadge = { state: "recording" } | { state: "stopped"; maxBytes: number } | { state: "off"; reason: string } | { state: "none" };

/** Socket: server → client `lab:recording`, to room `lab:<id>`, when its recording starts or stops. */
export interface LabRecordingEvent {
  labId: string;
  state: "recording" | "stopped";
}

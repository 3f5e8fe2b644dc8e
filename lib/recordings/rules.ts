/**
 * Who and what decides whether a session lab's terminal is recorded. Pure: no Prisma, no I/O.
 *
 * A lab is recorded when it belongs to a session, its template does not turn recording off, and
 * neither of the session's two people did. The choice is made before the lab's terminal first
 * opens (a lab may be launched minutes ahead of its slot, "guaranteed start", so the launch itself
 * is too early to fix it) and is then fixed: the other person must be able to trust what the page
 * said when they started typing.
 * Turning it off is either person's right; only the one who turned it off may turn it back on.
 */
export interface TemplateRecording {
  enabled: boolean;
  input: boolean;
}

export const DEFAULT_TEMPLATE_RECORDING: TemplateRecording = { enabled: true, input: false };

export type RecordingChoice = { record: true; input: boolean } | { record: false; reason: "NOT_A_SESSION_LAB" | "TEMPLATE" | "PARTICIPANT" | "NO_TEMPLATE" };

export function recordingChoice(lab: { sessionId: string | null; recordingOffById: string | null }, template: TemplateRecording | undefined | null): RecordingChoice {
  if (!lab.sessionId) return { record: false, reason: "NOT_A_SESSION_LAB" };
  if (template === null) return { record: false, reason: "NO_TEMPLATE" };
  const t = template ?? DEFAULT_TEMPLATE_RECORDING;
  if (!t.enabled) return { record: false, reason: "TEMPLATE" };
  if (lab.recordingOffById) return { record: false, reason: "PARTICIPANT" };
  return { record: true, input: t.input };
}

export type ChangeRefusal = { code: "RECORDING_LOCKED"; message: string };

/** May `userId` (a participant) set the session's recording to `enabled` now? null = yes. */
export function changeRefusal(s: { recordings: number; recordingOffById: string | null }, userId: string, enabled: boolean, names: { offBy?: string }): ChangeRefusal | null {
  const already = enabled ? s.recordingOffById === null : s.recordingOffById !== null;
  if (already) return null;
  if (s.recordings > 0) return { code: "RECORDING_LOCKED", message: "Recording has already started: it can only be changed before the lab's terminal first opens." };
  if (enabled && s.recordingOffById !== userId) {
    return { code: "RECORDING_LOCKED", message: `${names.offBy ?? "The other person"} turned recording off; only they can turn it back on.` };
  }
  return null;
}

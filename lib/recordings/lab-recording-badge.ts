import type { RecordingDeps } from "./recording-deps";
import { recordingChoice } from "./rules";
import type { RecordingBadge } from "./schema";

/** What the lab page's badge says: recorded (now or once its terminal opens), stopped at the cap, or not recorded and why. */
export async function labRecordingBadge(deps: RecordingDeps, labId: string): Promise<RecordingBadge> {
  const lab = await deps.repo.lab(labId);
  if (!lab?.session) return { state: "none" };
  const existing = await deps.repo.byLab(labId);
  if (existing) return existing.truncated ? { state: "stopped", maxBytes: deps.maxBytes } : { state: "recording" };
  const template = deps.templates().get(lab.templateName);
  const choice = recordingChoice({ sessionId: lab.sessionId, recordingOffById: lab.session.recordingOffById }, template ? template.recording : null);
  if (choice.record) return { state: "recording" };
  if (choice.reason === "PARTICIPANT") {
    const name = await deps.userName(lab.session.recordingOffById!);
    return { state: "off", reason: `Not recorded: ${name ?? "a participant"} turned recording off.` };
  }
  return { state: "off", reason: "Not recorded: this lab's template does not record its terminal." };
}

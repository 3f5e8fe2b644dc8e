import type { LabTemplate } from "@/lib/labs/template-schema";
import type { RecordingRepo } from "./repo";
import { recordingChoice } from "./rules";
import type { RecorderStart } from "./terminal-recorder";

export interface StartRecordingDeps {
  repo: RecordingRepo;
  templates: () => Map<string, LabTemplate>;
  now: () => Date;
  /** The most bytes one recording's file takes (RECORDING_MAX_BYTES). */
  maxBytes: number;
}

/**
 * Asked when a lab's terminal first carries something: is it recorded (a session's lab, its
 * template and both people allowing it), and into which recording (the lab's one, created now or
 * found, when a new process or hub carries on).
 */
export async function startRecording(deps: StartRecordingDeps, labId: string): Promise<RecorderStart> {
  const lab = await deps.repo.lab(labId);
  if (!lab) return { record: false, reason: "no such lab" };
  const template = deps.templates().get(lab.templateName);
  const choice = recordingChoice({ sessionId: lab.session ? lab.sessionId : null, recordingOffById: lab.session?.recordingOffById ?? null }, template ? template.recording : null);
  if (!choice.record) return { record: false, reason: choice.reason };
  const recording = await deps.repo.createOrGet({ labId, sessionId: lab.sessionId!, startedAt: deps.now(), input: choice.input });
  return { record: true, recording, input: recording.input, maxBytes: deps.maxBytes };
}

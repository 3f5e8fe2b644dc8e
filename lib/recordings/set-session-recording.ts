import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Result } from "@/lib/errors";
import type { RecordingErrorCode } from "./errors";
import type { RecordingDeps } from "./recording-deps";
import { changeRefusal, recordingChoice } from "./rules";
import type { SessionRecordingView, SetSessionRecordingInput } from "./schema";
import { participantSession, sessionRecordingView } from "./session-recording-view";

/**
 * Either person turns the session's recording off (or, the one who turned it off, on again),
 * before its lab's terminal first opens. The template's "no" is not theirs to change.
 */
export async function setSessionRecording(
  deps: RecordingDeps,
  user: UserView,
  sessionId: string,
  input: SetSessionRecordingInput,
): Promise<Result<SessionRecordingView, RecordingErrorCode>> {
  const found = await participantSession(deps, user, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  const template = s.labTemplate ? deps.templates().get(s.labTemplate) : undefined;
  const choice = recordingChoice({ sessionId, recordingOffById: null }, s.labTemplate ? template?.recording : null);
  if (!choice.record && input.enabled)
    return fail("RECORDING_LOCKED", choice.reason === "NO_TEMPLATE" ? "This session has no lab to record." : "The lab's template does not record its terminal.");
  const offBy = s.recordingOffById && s.recordingOffById !== user.id ? await deps.userName(s.recordingOffById) : null;
  const refused = changeRefusal(s, user.id, input.enabled, { offBy: offBy ?? undefined });
  if (refused) return fail(refused.code, refused.message);
  const next = input.enabled ? null : (s.recordingOffById ?? user.id);
  if (next !== s.recordingOffById && !(await deps.repo.setRecordingOff(sessionId, next))) {
    return fail("RECORDING_LOCKED", "Recording has already started: it can only be changed before the lab's terminal first opens.");
  }
  return ok(await sessionRecordingView(deps, user, { ...s, recordingOffById: next }));
}

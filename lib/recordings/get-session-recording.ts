import type { UserView } from "@/lib/auth/schema";
import { ok, type Result } from "@/lib/errors";
import type { RecordingErrorCode } from "./errors";
import type { RecordingDeps } from "./recording-deps";
import type { SessionRecordingView } from "./schema";
import { participantSession, sessionRecordingView } from "./session-recording-view";

/** Will the session's lab terminal be recorded, and may the viewer change that (the toggle on the session page). */
export async function getSessionRecording(deps: RecordingDeps, user: UserView, sessionId: string): Promise<Result<SessionRecordingView, RecordingErrorCode>> {
  const s = await participantSession(deps, user, sessionId);
  if (!s.ok) return s;
  return ok(await sessionRecordingView(deps, user, s.value));
}

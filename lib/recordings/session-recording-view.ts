import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Result } from "@/lib/errors";
import type { RecordingDeps } from "./recording-deps";
import type { SessionRecordingState } from "./repo";
import { changeRefusal, recordingChoice } from "./rules";
import type { SessionRecordingView } from "./schema";

/** Only the session's two people see or change its recording; anyone else gets the same 404 as a missing session. */
export async function participantSession(deps: RecordingDeps, user: UserView, sessionId: string): Promise<Result<SessionRecordingState, "NOT_FOUND">> {
  const s = await deps.repo.session(sessionId);
  if (!s || (s.requesterId !== user.id && s.expertId !== user.id)) {
    return fail("NOT_FOUND", "No such session, or it is not one of yours: only its two people can see or change its recording.");
  }
  return ok(s);
}

const REASONS = {
  NOT_A_SESSION_LAB: "This lab does not belong to a session.",
  NO_TEMPLATE: "This session has no lab.",
  TEMPLATE: "The lab's template does not record its terminal.",
} as const;

export async function sessionRecordingView(deps: RecordingDeps, user: UserView, s: SessionRecordingState): Promise<SessionRecordingView> {
  const template = s.labTemplate ? deps.templates().get(s.labTemplate) : undefined;
  const choice = recordingChoice({ sessionId: s.sessionId, recordingOffById: s.recordingOffById }, s.labTemplate ? template?.recording : null);
  const offBy = s.recordingOffById
    ? { id: s.recordingOffById, name: s.recordingOffById === user.id ? "you" : ((await deps.userName(s.recordingOffById)) ?? "the other person") }
    : null;
  const reason = choice.record ? null : choice.reason === "PARTICIPANT" ? `Turned off by ${offBy?.name ?? "a participant"}.` : REASONS[choice.reason];
  const templateBlocks = !choice.record && choice.reason !== "PARTICIPANT";
  const wanted = !choice.record;
  const canChange = !templateBlocks && changeRefusal(s, user.id, wanted, { offBy: offBy?.name }) === null;
  return {
    sessionId: s.sessionId,
    enabled: choice.record,
    input: choice.record && choice.input,
    reason,
    offBy,
    started: s.recordings > 0,
    canChange,
  };
}

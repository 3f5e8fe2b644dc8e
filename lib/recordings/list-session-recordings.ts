import type { UserView } from "@/lib/auth/schema";
import { ok, type Result } from "@/lib/errors";
import type { RecordingErrorCode } from "./errors";
import type { RecordingDeps } from "./recording-deps";
import type { RecordingRecord } from "./repo";
import type { RecordingView, SessionRecordingsView } from "./schema";
import { participantSession } from "./session-recording-view";

export function castUrl(recordingId: string): string {
  return `/api/v1/recordings/${encodeURIComponent(recordingId)}/cast`;
}

export function toRecordingView(r: RecordingRecord): RecordingView {
  return {
    id: r.id,
    labId: r.labId,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    bytes: r.bytes,
    input: r.input,
    truncated: r.truncated,
    droppedBytes: r.droppedBytes,
    castUrl: castUrl(r.id),
  };
}

/** The session's recordings (one per lab it had), for its two people only: the recap page replays them. */
export async function listSessionRecordings(deps: RecordingDeps, user: UserView, sessionId: string): Promise<Result<SessionRecordingsView, RecordingErrorCode>> {
  const s = await participantSession(deps, user, sessionId);
  if (!s.ok) return s;
  const rows = await deps.repo.listForSession(sessionId);
  return ok({ recordings: rows.filter((r) => r.bytes > 0).map(toRecordingView) });
}

import type { DownloadFile } from "@/lib/api/download";
import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Result } from "@/lib/errors";
import type { RecordingErrorCode } from "./errors";
import type { RecordingDeps } from "./recording-deps";

/** asciinema's media type for asciicast files. */
export const CAST_CONTENT_TYPE = "application/x-asciicast";

/**
 * The .cast file, for the session's two people only. Organizers too get the 404: a recording may
 * hold what two people typed in private (docs/decisions/0016), and the same sentence is given
 * whether the recording exists or not.
 */
export async function downloadRecording(deps: RecordingDeps, user: UserView, recordingId: string): Promise<Result<DownloadFile, RecordingErrorCode>> {
  const r = await deps.repo.get(recordingId);
  if (!r || (r.session.requesterId !== user.id && r.session.expertId !== user.id) || r.bytes === 0) {
    return fail("NOT_FOUND", "No such recording, or it is not yours: only the session's two people can replay or download it.");
  }
  const body = (await deps.repo.content(r.id)).toString("utf8");
  return ok({ body, filename: `mingle-lab-${r.labId}.cast`, contentType: CAST_CONTENT_TYPE });
}

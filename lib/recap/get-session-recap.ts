import type { UserView } from "@/lib/auth/schema";
import { noConference } from "@/lib/conference/current-conference";
import { fail, ok, type Result } from "@/lib/errors";
import type { RecapErrorCode } from "./errors";
import type { RecapDeps } from "./recap-deps";
import { sessionView } from "./recap-views";
import type { RecapSessionView } from "./schema";

/** One session's recap, for its two people once its slot has started; anyone else gets the same 404 as a missing session. */
export async function getSessionRecap(deps: RecapDeps, viewer: UserView, sessionId: string): Promise<Result<RecapSessionView, RecapErrorCode>> {
  const c = await deps.conference();
  if (!c) return noConference();
  const now = deps.now();
  const [row] = await deps.repo.sessions(c.id, viewer.id, now, sessionId);
  if (!row) return fail("NOT_FOUND", "There is no recap for that session: it is not one of your agreed sessions, or it has not started yet.");
  return ok(sessionView(viewer, row, now, c.timeZone, deps.publicUrl.replace(/\/$/, "")));
}

import type { UserView } from "@/lib/auth/schema";
import { fail } from "@/lib/errors";
import { announce } from "./announce";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import type { FeedbackInput, SessionView } from "./schema";
import { ownAccepted } from "./session-access";

/** After the slot: "did it happen?", a rating and a short note to the other person. */
export async function saveFeedback(deps: BookingDeps, user: UserView, sessionId: string, input: FeedbackInput): BookingResult<SessionView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  if (now.getTime() < s.value.slotEndUtc.getTime()) {
    return fail("SESSION_NOT_OVER", "Feedback opens when the session's slot has ended.");
  }
  const note = input.note === undefined ? undefined : rules.checkReason(input.note);
  if (note && !note.ok) return note;
  await deps.repo.saveFeedback(sessionId, user.id, { happened: input.happened, rating: input.rating, note: note?.value });
  const fresh = (await deps.repo.session(sessionId))!;
  return announce(deps, fresh, null, user.id, now);
}

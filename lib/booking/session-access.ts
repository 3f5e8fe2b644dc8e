import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Failure } from "@/lib/errors";
import type { BookingDeps, BookingResult } from "./ports";
import type { SessionDetail } from "./repo";
import * as rules from "./rules";

/** Who may see and act on a session, answered the same way by every use case. */

export function notFound(): Failure<"NOT_FOUND"> {
  return fail("NOT_FOUND", "No such session, or it is not one of yours.");
}

export function actorOf(user: UserView): rules.Actor {
  return { userId: user.id, isOrganizer: user.role === "ORGANIZER" };
}

/** The other person of the session, seen from `userId`. */
export function otherOf(s: SessionDetail, userId: string): { id: string; name: string } {
  return s.requesterId === userId ? s.expert : s.requester;
}

/** Loads a session the user may see: a participant's, or any for an organizer. */
export async function visibleSession(deps: BookingDeps, user: UserView, sessionId: string): BookingResult<SessionDetail> {
  const s = await deps.repo.session(sessionId);
  if (!s) return notFound();
  if (!rules.participantOf(s, user.id) && user.role !== "ORGANIZER") return notFound();
  return ok(s);
}

/** Loads an agreed session of one of its two people (check-in, feedback, lab). */
export async function ownAccepted(deps: BookingDeps, user: UserView, sessionId: string): BookingResult<SessionDetail> {
  const s = await deps.repo.session(sessionId);
  if (!s) return notFound();
  if (!rules.participantOf(s, user.id)) return fail("NOT_YOUR_REQUEST", "Only the two people in this session can do this.");
  if (s.status !== "ACCEPTED") return fail("NOT_ACCEPTED", `This session is ${s.status.toLowerCase()}, not agreed.`);
  return ok(s);
}

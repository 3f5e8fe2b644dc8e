import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { currentConference } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import type { SessionDetail } from "./repo";
import * as rules from "./rules";
import type { SessionListView, SessionView } from "./schema";
import { visibleSession } from "./session-access";
import { dayOf } from "./slot-view";
import { toSessionView } from "./view";

/** One session I take part in (organizers: any session). */
export async function getSession(deps: BookingDeps, user: UserView, sessionId: string, viewerTz?: string): BookingResult<SessionView> {
  const s = await visibleSession(deps, user, sessionId);
  return s.ok ? ok(toSessionView(s.value, user.id, deps.now(), viewerTz)) : s;
}

/** My sessions as requester or expert: upcoming (soonest first), past (latest first) or all. */
export async function listMySessions(deps: BookingDeps, user: UserView, query: { scope: "upcoming" | "past" | "all"; tz?: string }): BookingResult<SessionListView> {
  const now = deps.now();
  const rows = await deps.repo.sessionsOf(user.id);
  const upcoming = (s: SessionDetail) => rules.isLive(s.status) && !rules.isHoldExpired(s, now) && s.slotEndUtc.getTime() > now.getTime();
  const picked = rows.filter((s) => (query.scope === "all" ? true : query.scope === "upcoming" ? upcoming(s) : !upcoming(s)));
  if (query.scope === "past") picked.reverse();
  return ok({ sessions: picked.map((s) => toSessionView(s, user.id, now, query.tz)) });
}

/** Every live session of the conference (optionally one day), for the Mingle desk. */
export async function listConferenceSessions(deps: BookingDeps, organizer: UserView, query: { day?: string; tz?: string }): BookingResult<SessionListView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const now = deps.now();
  const rows = await deps.repo.liveSessionsOfConference(conf.value.id);
  const sessions = rows.filter((s) => !query.day || dayOf(s.slotStartUtc, s.conferenceTimeZone) === query.day).map((s) => toSessionView(s, organizer.id, now, query.tz));
  return ok({ sessions });
}

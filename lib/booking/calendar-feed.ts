import type { UserView } from "@/lib/auth/schema";
import { fail, ok } from "@/lib/errors";
import { calendarFile, icsOf, type CalendarFile } from "./calendar-file";
import { buildFeedIcs } from "./ics";
import type { BookingDeps, BookingResult } from "./ports";
import type { CalendarFeedView } from "./schema";

/** Each person's private, subscribable calendar feed: its secret URL, and the feed itself. */

function feedUrl(deps: BookingDeps, token: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, "")}/api/v1/calendar/${token}.ics`;
}

export async function getFeed(deps: BookingDeps, user: UserView): BookingResult<CalendarFeedView> {
  const f = await deps.repo.feedOf(user.id);
  return ok({ url: f ? feedUrl(deps, f.token) : null, createdAt: f?.createdAt.toISOString() ?? null });
}

export async function rotateFeed(deps: BookingDeps, user: UserView): BookingResult<CalendarFeedView> {
  const f = await deps.repo.setFeed(user.id, deps.newToken(), deps.now());
  return ok({ url: feedUrl(deps, f.token), createdAt: f.createdAt.toISOString() });
}

export async function revokeFeed(deps: BookingDeps, user: UserView): BookingResult<void> {
  await deps.repo.revokeFeed(user.id);
  return ok(undefined);
}

/** The subscribable feed: accepted sessions, and cancelled ones so calendars drop them. */
export async function feedIcs(deps: BookingDeps, tokenParam: string): BookingResult<CalendarFile> {
  const token = tokenParam.replace(/\.ics$/, "");
  const owner = await deps.repo.feedOwner(token);
  if (!owner) return fail("NOT_FOUND", "This calendar feed does not exist or was revoked.");
  const sessions = (await deps.repo.sessionsOf(owner.userId)).filter((s) => s.status === "ACCEPTED" || (s.status === "CANCELLED" && s.tableId !== null));
  // A feed URL travels further than a signed-in page, so it never carries an organizer's sight.
  const reader = { userId: owner.userId, isOrganizer: false };
  const body = buildFeedIcs(
    { name: `Mingle — ${owner.name}` },
    sessions.map((s) => icsOf(s, deps.config.publicUrl, reader)),
    deps.now(),
  );
  return ok(calendarFile(body, "mingle.ics"));
}

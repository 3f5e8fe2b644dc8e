import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { calendarFile, icsOf, type CalendarFile } from "./calendar-file";
import { buildSessionIcs } from "./ics";
import type { BookingDeps, BookingResult } from "./ports";
import * as rules from "./rules";
import { actorOf, visibleSession } from "./session-access";

/** The session as an iCalendar invitation (METHOD:CANCEL once it is off). */
export async function sessionIcs(deps: BookingDeps, user: UserView, sessionId: string): BookingResult<CalendarFile> {
  const s = await visibleSession(deps, user, sessionId);
  if (!s.ok) return s;
  const method = rules.isLive(s.value.status) ? "REQUEST" : "CANCEL";
  return ok(calendarFile(buildSessionIcs(method, icsOf(s.value, deps.config.publicUrl, actorOf(user)), deps.now()), `mingle-${s.value.id}.ics`));
}

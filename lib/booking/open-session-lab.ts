import type { UserView } from "@/lib/auth/schema";
import { fail, ok } from "@/lib/errors";
import type { BookingDeps, BookingResult } from "./ports";
import type { LabLaunchView } from "./schema";
import { ownAccepted } from "./session-access";
import { isLabOpen } from "./session-windows";

/** "Open lab" during the session: the offer's lab for the two people, living until the slot ends plus grace. */
export async function openLab(deps: BookingDeps, user: UserView, sessionId: string): BookingResult<LabLaunchView> {
  const now = deps.now();
  const s = await ownAccepted(deps, user, sessionId);
  if (!s.ok) return s;
  if (!isLabOpen(s.value, now)) {
    return fail("NOT_DURING_SESSION", "The lab opens during the session (from 5 minutes before it starts).");
  }
  const template = s.value.offer.labTemplate;
  if (!template) return fail("NO_LAB_TEMPLATE", "This offer has no lab.");
  if (!deps.labs) return fail("LABS_UNAVAILABLE", "Labs are not available on this server right now.");
  const expiresAt = new Date(s.value.slotEndUtc.getTime() + deps.config.labGraceMinutes * 60_000);
  const launched = await deps.labs.launch({
    ownerId: user.id,
    templateName: template,
    participantIds: [s.value.requesterId, s.value.expertId],
    sessionId,
    expiresAt,
    areaId: s.value.table?.area.id ?? null,
  });
  if (!launched.ok) return launched; // the labs slice's code (limit reached, engine down, ...) as it is
  return ok({ labId: launched.value.labId, expiresAt: expiresAt.toISOString(), url: `/labs/${launched.value.labId}` });
}

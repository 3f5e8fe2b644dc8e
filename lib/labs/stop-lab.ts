import { ok, type Result } from "@/lib/errors";
import { isParticipant } from "@/lib/labs/access";
import { authorizedLab } from "@/lib/labs/get-lab";
import { labViews } from "@/lib/labs/lab-views";
import type { LabView } from "@/lib/labs/schema";
import type { LabFailure, LabUseCaseDeps, LabUser } from "@/lib/labs/use-case-deps";

/** Stops the lab (its participants and organizers may); the reason says who. */
export async function stopLab(deps: LabUseCaseDeps, user: LabUser, labId: string): Promise<Result<LabView, LabFailure>> {
  const lab = await authorizedLab(deps, user, labId, "stop");
  if (!lab.ok) return lab;
  const by = isParticipant(user, lab.value) ? `stopped by ${user.name}` : `stopped by organizer ${user.name}`;
  const stopped = await deps.labs.stop(labId, by);
  if (!stopped.ok) return stopped;
  const [view] = await labViews(deps, [stopped.value], user);
  return ok(view!);
}

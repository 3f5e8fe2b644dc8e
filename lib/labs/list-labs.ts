import { fail, ok, type Result } from "@/lib/errors";
import { isParticipant } from "@/lib/labs/access";
import { labViews } from "@/lib/labs/lab-views";
import type { LabList } from "@/lib/labs/schema";
import type { LabUseCaseDeps, LabUser } from "@/lib/labs/use-case-deps";

/** Running labs, newest first: the user's own (mine), or every one (all, organizers only). */
export async function listLabs(deps: LabUseCaseDeps, user: LabUser, scope: "mine" | "all"): Promise<Result<LabList, "FORBIDDEN">> {
  if (scope === "all" && user.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can list every running lab.");
  const live = await deps.repo.listLive();
  const labs = scope === "all" ? live : live.filter((l) => isParticipant(user, l));
  return ok({ labs: await labViews(deps, labs.reverse(), user) });
}

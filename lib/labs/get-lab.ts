import { fail, ok, type Result } from "@/lib/errors";
import { authorize } from "@/lib/labs/access";
import { labViews } from "@/lib/labs/lab-views";
import type { LabRecord } from "@/lib/labs/repo";
import type { LabView } from "@/lib/labs/schema";
import type { LabFailure, LabUseCaseDeps, LabUser } from "@/lib/labs/use-case-deps";

/** The lab, if the user may do `action` with it (lib/labs/access.ts decides). */
export async function authorizedLab(deps: LabUseCaseDeps, user: LabUser, labId: string, action: "view" | "stop"): Promise<Result<LabRecord, LabFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  const allowed = authorize(action, user, lab);
  return allowed.ok ? ok(lab) : allowed;
}

export async function getLab(deps: LabUseCaseDeps, user: LabUser, labId: string): Promise<Result<LabView, LabFailure>> {
  const lab = await authorizedLab(deps, user, labId, "view");
  if (!lab.ok) return lab;
  const [view] = await labViews(deps, [lab.value], user);
  return ok(view!);
}

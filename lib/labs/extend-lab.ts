import { fail, ok, type Result } from "@/lib/errors";
import { canType, canView } from "@/lib/labs/access";
import { extendPlan } from "@/lib/labs/extend-rules";
import type { LabRecord } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { LabUser } from "@/lib/labs/use-case-deps";
import type { WorkspaceDeps, WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { ExtendView } from "@/lib/labs/workspace-schema";

const NO_EXTEND = { step: 0, max: 0 };

function minutes(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}

function view(deps: WorkspaceDeps, user: LabUser, lab: LabRecord, template: LabTemplate | undefined): ExtendView {
  const plan = extendPlan(lab, template?.extend ?? NO_EXTEND);
  const hostRefusal = deps.hostRefusal?.(lab.engineId);
  const reason = !canType(user, lab)
    ? "Only the lab's participants can extend it."
    : lab.status !== "READY"
      ? `The lab is ${lab.status.toLowerCase()}.`
      : !plan.next
        ? `The lab already runs until the latest end its template allows (${minutes(template?.extend?.max ?? 0)} from its start).`
        : hostRefusal;
  return {
    labId: lab.id,
    expiresAt: lab.expiresAt.toISOString(),
    stepSeconds: plan.stepSeconds,
    latestEnd: plan.latestEnd.toISOString(),
    canExtend: !reason,
    ...(reason ? { reason } : {}),
  };
}

/** Whether and how far the lab can be extended (participants and organizers may ask). */
export async function extendOptions(deps: WorkspaceDeps, user: LabUser, labId: string): Promise<Result<ExtendView, WorkspaceFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  if (!canView(user, lab)) return fail("FORBIDDEN", "This lab belongs to other people.");
  return ok(view(deps, user, lab, deps.templates().get(lab.templateName)));
}

/**
 * Adds one step to a ready lab's time (participants only), up to the template's maximum, while its
 * host still takes lab time (extend-rules.ts says why no new capacity is needed). Everyone watching
 * the lab gets `lab:extended` with the new end.
 */
export async function extendLab(deps: WorkspaceDeps, user: LabUser, labId: string): Promise<Result<ExtendView, WorkspaceFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  if (!canType(user, lab)) return fail("FORBIDDEN", "Only the lab's participants can extend it.");
  if (lab.status !== "READY") return fail("LAB_NOT_READY", `The lab is ${lab.status.toLowerCase()}: only a running lab can be extended.`);
  const template = deps.templates().get(lab.templateName);
  const plan = extendPlan(lab, template?.extend ?? NO_EXTEND);
  if (!plan.next) return fail("EXTEND_LIMIT_REACHED", view(deps, user, lab, template).reason ?? "The lab cannot run any longer.");
  const refusal = deps.hostRefusal?.(lab.engineId);
  if (refusal) return fail("EXTEND_UNAVAILABLE", refusal);
  const updated = await deps.repo.update(labId, { expiresAt: plan.next });
  deps.announceExtended?.({ labId, expiresAt: updated.expiresAt.toISOString(), by: user.name });
  return ok(view(deps, user, updated, template));
}

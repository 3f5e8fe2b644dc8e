import { fail, ok, type Result } from "@/lib/errors";
import { canType, canView } from "@/lib/labs/access";
import type { LabUser } from "@/lib/labs/use-case-deps";
import type { WorkspaceDeps, WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { CheckResultRecord } from "@/lib/labs/check-results-repo";
import type { CheckList, CheckResultView } from "@/lib/labs/workspace-schema";

export function checkResultView(r: CheckResultRecord, byName: string): CheckResultView {
  return { passed: r.passed, exitCode: r.exitCode, output: r.output, timedOut: r.timedOut, durationMs: r.durationMs, at: r.createdAt.toISOString(), byName };
}

/** The template's checks with each one's latest result (participants and organizers; also after the lab ended). */
export async function listChecks(deps: WorkspaceDeps, user: LabUser, labId: string): Promise<Result<CheckList, WorkspaceFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  if (!canView(user, lab)) return fail("FORBIDDEN", "This lab belongs to other people: only its participants and organizers can see its checks.");
  const checks = deps.templates().get(lab.templateName)?.checks ?? [];
  const latest = await deps.checkResults.latest(labId);
  const names = (await deps.userNames?.([...new Set(latest.map((r) => r.ranById))])) ?? new Map<string, string>();
  const byName = new Map(latest.map((r) => [r.checkName, r]));
  return ok({
    canRun: canType(user, lab) && lab.status === "READY",
    checks: checks.map((c) => {
      const r = byName.get(c.name);
      return {
        name: c.name,
        hint: c.hint,
        last: r ? checkResultView(r, names.get(r.ranById) ?? "someone") : null,
      };
    }),
  });
}

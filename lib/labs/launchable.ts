import { fail, ok, type Result } from "@/lib/errors";
import type { LabLaunchErrorCode } from "@/lib/labs/errors";
import type { EngineStatusView } from "@/lib/labs/schema";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";

/** Why the engine cannot run the template right now, if it cannot. */
export function runtimeProblem(template: LabTemplate, engine: EngineStatusView): string | undefined {
  if (!engine.ok) return engine.reason ?? "No Docker Engine answers.";
  if (template.isolation === "runsc" && !engine.runtimes.includes("runsc")) {
    return "gVisor (runsc) is not installed on this lab engine.";
  }
  return undefined;
}

/**
 * The checks every launch passes (from the Labs page or a session's "Open lab"): the template
 * exists, the engine answers and has its runtime, and start-up reconciliation is done.
 */
export async function launchableTemplate(
  deps: Pick<LabUseCaseDeps, "templates" | "engineStatus" | "ready">,
  templateName: string,
): Promise<Result<LabTemplate, LabLaunchErrorCode>> {
  const template = deps.templates().get(templateName);
  if (!template) {
    const known = [...deps.templates().keys()].sort().join(", ");
    return fail("TEMPLATE_NOT_FOUND", `There is no lab template "${templateName}". Templates: ${known || "none"}.`);
  }
  if (template.origin?.disabledReason !== undefined) {
    return fail("TEMPLATE_DISABLED", `The lab template "${template.title}" was disabled by an organizer: ${template.origin.disabledReason}`);
  }
  const problem = runtimeProblem(template, await deps.engineStatus());
  if (problem) return fail("ENGINE_UNAVAILABLE", problem);
  await deps.ready?.();
  return ok(template);
}

import { fail, ok, type Result } from "@/lib/errors";
import { labViews } from "@/lib/labs/lab-views";
import { launchableTemplate } from "@/lib/labs/launchable";
import type { LabView, LaunchBody } from "@/lib/labs/schema";
import { limited } from "@/lib/rate-limit/policy";
import type { LabFailure, LabUseCaseDeps, LabUser } from "@/lib/labs/use-case-deps";

/**
 * Launches a standalone lab owned by the user: 202 with the record (CREATING, or READY straight
 * from the warm pool); the launch continues in the background and reports through lab:status.
 */
export async function launchLab(deps: LabUseCaseDeps, user: LabUser, body: LaunchBody): Promise<Result<LabView, LabFailure>> {
  const template = await launchableTemplate(deps, body.template);
  if (!template.ok) return template;
  // A person's own template runs standalone only as its author's test lab ("Try it"); others meet it in a session.
  const origin = template.value.origin;
  if (origin && origin.authorId !== user.id) return fail("TEMPLATE_NOT_FOUND", `There is no lab template "${body.template}" of yours.`);
  const waitMs = (await deps.launchWait?.(user.id)) ?? 0;
  if (waitMs > 0) return limited("TOO_MANY_LAUNCHES", "You launched many labs in a short time", waitMs);
  const started = await deps.labs.startLaunch({ ownerId: user.id, templateName: template.value.name });
  if (!started.ok) return started;
  void started.value.done.catch((error: unknown) => deps.log?.("labs.launch_crashed", { labId: started.value.lab.id, error: String(error) }));
  const [view] = await labViews(deps, [started.value.lab], user);
  return ok(view!);
}

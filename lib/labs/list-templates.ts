import { ok, type Result } from "@/lib/errors";
import { runtimeProblem } from "@/lib/labs/launchable";
import type { TemplateList, TemplateView } from "@/lib/labs/schema";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";

/**
 * The directory's templates (people's own templates are theirs: lib/templates), alphabetically,
 * each saying whether this engine can run it now (and if not, why).
 */
export async function listTemplates(deps: LabUseCaseDeps): Promise<Result<TemplateList>> {
  const engine = await deps.engineStatus();
  const templates: TemplateView[] = [...deps.templates().values()]
    .filter((t) => !t.origin)
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((t) => {
      const problem = runtimeProblem(t, engine);
      return {
        name: t.name,
        title: t.title,
        descriptionHtml: deps.renderMarkdown(t.description),
        isolation: t.isolation,
        mode: t.mode ?? "container",
        notes: t.notes ?? [],
        limits: { memoryBytes: t.limits.memory, cpus: t.limits.cpus, pids: t.limits.pids, tmpfsBytes: t.limits.tmpfs, ttlSeconds: t.limits.ttl },
        available: !problem,
        ...(problem ? { unavailableReason: problem } : {}),
      };
    });
  return ok({ templates, engine });
}

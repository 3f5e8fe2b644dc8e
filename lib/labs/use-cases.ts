import type { UserView } from "@/lib/auth/schema";
import { fail, ok, type Result } from "@/lib/errors";
import { authorize, canStop, canType, isParticipant, type LabActor } from "@/lib/labs/access";
import type { LabErrorCode } from "@/lib/labs/errors";
import type { EngineStatusView, LabList, LabView, LaunchBody, TemplateList, TemplateView } from "@/lib/labs/schema";
import type { LabService } from "@/lib/labs/service";
import type { LabRecord, LabStore } from "@/lib/labs/store";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * What the HTTP API and the pages do with labs: authorize with lib/labs/access.ts, call the
 * LabService, shape views. Dependencies come in as arguments (lib/labs/runtime.ts wires the real
 * ones), so tests can pass their own store, engine status or service.
 */
export interface LabUseCaseDeps {
  service: Pick<LabService, "startLaunch" | "stop">;
  store: Pick<LabStore, "get" | "listLive">;
  templates: () => Map<string, LabTemplate>;
  engineStatus: () => Promise<EngineStatusView>;
  /** Display names for user ids (missing ids are left out). */
  userNames: (ids: string[]) => Promise<Map<string, string>>;
  /** Resolves once the engine has been reconciled at start (launches wait for it). */
  ready?: () => Promise<void>;
  renderMarkdown: (md: string) => string;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

type User = Pick<UserView, "id" | "role" | "name">;
type LabFailure = LabErrorCode | "FORBIDDEN";

function runtimeProblem(template: LabTemplate, engine: EngineStatusView): string | undefined {
  if (!engine.ok) return engine.reason ?? "No Docker Engine answers.";
  if (template.isolation === "runsc" && !engine.runtimes.includes("runsc")) {
    return "gVisor (runsc) is not installed on this lab engine.";
  }
  return undefined;
}

export async function listTemplates(deps: LabUseCaseDeps): Promise<Result<TemplateList>> {
  const engine = await deps.engineStatus();
  const templates: TemplateView[] = [...deps.templates().values()]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((t) => {
      const problem = runtimeProblem(t, engine);
      return {
        name: t.name,
        title: t.title,
        descriptionHtml: deps.renderMarkdown(t.description),
        isolation: t.isolation,
        limits: { memoryBytes: t.limits.memory, cpus: t.limits.cpus, pids: t.limits.pids, tmpfsBytes: t.limits.tmpfs, ttlSeconds: t.limits.ttl },
        available: !problem,
        ...(problem ? { unavailableReason: problem } : {}),
      };
    });
  return ok({ templates, engine });
}

function toView(lab: LabRecord, user: LabActor, templates: Map<string, LabTemplate>, names: Map<string, string>): LabView {
  const t = templates.get(lab.templateName);
  return {
    id: lab.id,
    template: { name: lab.templateName, title: t?.title ?? lab.templateName, isolation: t?.isolation ?? "runc" },
    status: lab.status,
    failureReason: lab.failureReason,
    ownerId: lab.ownerId,
    ownerName: names.get(lab.ownerId) ?? "someone",
    participantIds: lab.participantIds,
    createdAt: lab.createdAt.toISOString(),
    updatedAt: lab.updatedAt.toISOString(),
    expiresAt: lab.expiresAt.toISOString(),
    viewer: { participant: isParticipant(user, lab), canType: canType(user, lab), canStop: canStop(user, lab) },
  };
}

async function views(deps: LabUseCaseDeps, labs: LabRecord[], user: LabActor): Promise<LabView[]> {
  const names = await deps.userNames([...new Set(labs.map((l) => l.ownerId))]);
  const templates = deps.templates();
  return labs.map((l) => toView(l, user, templates, names));
}

/**
 * Launches a standalone lab owned by the user: 202 with the record (CREATING, or READY straight
 * from the warm pool); the launch continues in the background and reports through lab:status.
 */
export async function launchLab(deps: LabUseCaseDeps, user: User, body: LaunchBody): Promise<Result<LabView, LabFailure>> {
  const template = deps.templates().get(body.template);
  if (!template) {
    const known = [...deps.templates().keys()].sort().join(", ");
    return fail("TEMPLATE_NOT_FOUND", `There is no lab template "${body.template}". Templates: ${known || "none"}.`);
  }
  const problem = runtimeProblem(template, await deps.engineStatus());
  if (problem) return fail("ENGINE_UNAVAILABLE", problem);
  await deps.ready?.();
  const started = await deps.service.startLaunch({ ownerId: user.id, templateName: template.name });
  if (!started.ok) return started;
  void started.value.done.catch((error: unknown) => deps.log?.("labs.launch_crashed", { labId: started.value.lab.id, error: String(error) }));
  const [view] = await views(deps, [started.value.lab], user);
  return ok(view!);
}

export async function listLabs(deps: LabUseCaseDeps, user: User, scope: "mine" | "all"): Promise<Result<LabList, "FORBIDDEN">> {
  if (scope === "all" && user.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can list every running lab.");
  const live = await deps.store.listLive();
  const labs = scope === "all" ? live : live.filter((l) => isParticipant(user, l));
  return ok({ labs: await views(deps, labs.reverse(), user) });
}

async function authorizedLab(deps: LabUseCaseDeps, user: User, labId: string, action: "view" | "stop"): Promise<Result<LabRecord, LabFailure>> {
  const lab = await deps.store.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  const allowed = authorize(action, user, lab);
  return allowed.ok ? ok(lab) : allowed;
}

export async function getLab(deps: LabUseCaseDeps, user: User, labId: string): Promise<Result<LabView, LabFailure>> {
  const lab = await authorizedLab(deps, user, labId, "view");
  if (!lab.ok) return lab;
  const [view] = await views(deps, [lab.value], user);
  return ok(view!);
}

export async function stopLab(deps: LabUseCaseDeps, user: User, labId: string): Promise<Result<LabView, LabFailure>> {
  const lab = await authorizedLab(deps, user, labId, "stop");
  if (!lab.ok) return lab;
  const by = isParticipant(user, lab.value) ? `stopped by ${user.name}` : `stopped by organizer ${user.name}`;
  const stopped = await deps.service.stop(labId, by);
  if (!stopped.ok) return stopped;
  const [view] = await views(deps, [stopped.value], user);
  return ok(view!);
}

import type { Engine } from "@/lib/docker/engine";
import { fail, ok, type Result } from "@/lib/errors";
import { canType, canView } from "@/lib/labs/access";
import type { CheckResultRepo } from "@/lib/labs/check-results-repo";
import type { LabErrorCode } from "@/lib/labs/errors";
import type { LabRecord, LabRepo } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { LabUser } from "@/lib/labs/use-case-deps";
import type { WorkspaceErrorCode } from "@/lib/labs/workspace-errors";
import type { LabCheckedEvent, LabExtendedEvent } from "@/lib/labs/workspace-schema";

/**
 * What the workspace use cases (files, checks, extend) need, as arguments: lib/labs/workspace-deps.ts
 * wires the real ones, tests pass their own. Every use case opens the lab with openWorkspace(),
 * which says who may do what and finds the container the work happens in, on the lab's own engine.
 */
export interface WorkspaceDeps {
  repo: Pick<LabRepo, "get" | "update">;
  templates: () => Map<string, LabTemplate>;
  /** The engine a lab runs on, by the lab's engineId (labs run on several hosts). */
  engine: (engineId: string) => Engine;
  checkResults: CheckResultRepo;
  now?: () => Date;
  /** Why the lab's host takes no more lab time now (draining, not answering), or undefined. */
  hostRefusal?: (engineId: string) => string | undefined;
  /** Display names for user ids (who ran a check). */
  userNames?: (ids: string[]) => Promise<Map<string, string>>;
  /** Tells everyone watching the lab (its room) that its end time moved. */
  announceExtended?: (e: LabExtendedEvent) => void;
  /** Tells everyone watching the lab that a check ran, with its result. */
  announceChecked?: (e: LabCheckedEvent) => void;
}

export type WorkspaceFailure = WorkspaceErrorCode | LabErrorCode | "FORBIDDEN" | "VALIDATION_FAILED";

/**
 * - read: list, open and download files, see check results (participants and organizers);
 * - write: upload and save files, run checks, extend (participants only: organizers watch read-only).
 */
export type WorkspaceAction = "read" | "write";

export interface OpenWorkspace {
  lab: LabRecord;
  template: LabTemplate;
  engine: Engine;
  /** The interactive service's container: where the terminal runs, so where /home/lab is. */
  containerId: string;
}

const REFUSED: Record<WorkspaceAction, string> = {
  read: "This lab belongs to other people: only its participants and organizers can see its files.",
  write: "Only the lab's participants can change its files, run its checks or extend it; you are watching read-only.",
};

/** The lab, if `user` may do `action` and it is ready for it. */
export async function openWorkspace(deps: WorkspaceDeps, user: LabUser, labId: string, action: WorkspaceAction): Promise<Result<OpenWorkspace, WorkspaceFailure>> {
  const lab = await deps.repo.get(labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  const allowed = action === "read" ? canView(user, lab) : canType(user, lab);
  if (!allowed) return fail("FORBIDDEN", REFUSED[action]);
  const template = deps.templates().get(lab.templateName);
  if (!template) return fail("LAB_NOT_FOUND", `The lab's template "${lab.templateName}" is gone.`);
  if (lab.status !== "READY" || !lab.containers) return fail("LAB_NOT_READY", `The lab is ${lab.status.toLowerCase()}: its files and checks are there while it runs.`);
  if (template.mode === "vm") return fail("WORKSPACE_UNAVAILABLE", "This lab is a VM: its files live inside the VM. Use its console.");
  const container = lab.containers.containers.find((c) => c.role === "service" && c.interactive);
  if (!container) return fail("LAB_NOT_READY", "The lab has no interactive service.");
  return ok({ lab, template, engine: deps.engine(lab.engineId), containerId: container.id });
}

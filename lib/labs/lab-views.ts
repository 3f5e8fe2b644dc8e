import { canStop, canType, isParticipant, type LabActor } from "@/lib/labs/access";
import type { LabRecord } from "@/lib/labs/repo";
import type { LabView } from "@/lib/labs/schema";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";

function toView(lab: LabRecord, user: LabActor, templates: Map<string, LabTemplate>, names: Map<string, string>): LabView {
  const t = templates.get(lab.templateName);
  return {
    id: lab.id,
    template: { name: lab.templateName, title: t?.title ?? lab.templateName, isolation: t?.isolation ?? "runc", mode: t?.mode ?? "container" },
    status: lab.status,
    failureReason: lab.failureReason,
    replacedBy: lab.replacedById,
    ownerId: lab.ownerId,
    ownerName: names.get(lab.ownerId) ?? "someone",
    participantIds: lab.participantIds,
    createdAt: lab.createdAt.toISOString(),
    updatedAt: lab.updatedAt.toISOString(),
    expiresAt: lab.expiresAt.toISOString(),
    viewer: { participant: isParticipant(user, lab), canType: canType(user, lab), canStop: canStop(user, lab) },
  };
}

/** Labs as the given user sees them, with owner names and what the user may do. */
export async function labViews(deps: Pick<LabUseCaseDeps, "userNames" | "templates">, labs: LabRecord[], user: LabActor): Promise<LabView[]> {
  const names = await deps.userNames([...new Set(labs.map((l) => l.ownerId))]);
  const templates = deps.templates();
  return labs.map((l) => toView(l, user, templates, names));
}

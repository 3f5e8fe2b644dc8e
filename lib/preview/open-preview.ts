import { fail, ok, type Result } from "@/lib/errors";
import { authorize, isParticipant, type LabActor } from "@/lib/labs/access";
import type { LabRepo } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { PreviewErrorCode } from "@/lib/preview/errors";
import type { PreviewLink } from "@/lib/preview/schema";
import { newNonce, signPreviewToken } from "@/lib/preview/token";

/**
 * Opening a lab's port preview: Mingle authorizes (participants, and organizers read-only), then
 * hands out a short-lived single-use link to the preview origin, which knows nothing of Mingle's
 * sessions and trusts only the signature.
 */
export interface OpenPreviewDeps {
  repo: Pick<LabRepo, "get">;
  templates: () => Map<string, LabTemplate>;
  key: Buffer;
  origin: string;
  tokenTtlMs: number;
  now?: () => number;
}

export async function openPreview(
  deps: OpenPreviewDeps,
  user: LabActor,
  input: { labId: string; port: number },
): Promise<Result<PreviewLink, PreviewErrorCode | "LAB_NOT_FOUND" | "LAB_NOT_READY" | "FORBIDDEN">> {
  const lab = await deps.repo.get(input.labId);
  if (!lab) return fail("LAB_NOT_FOUND", "There is no lab with this id.");
  const allowed = authorize("view", user, lab);
  if (!allowed.ok) return allowed;
  const ports = deps.templates().get(lab.templateName)?.ports ?? [];
  if (!ports.some((p) => p.port === input.port)) {
    const declared = ports.map((p) => p.port).join(", ");
    return fail("PREVIEW_PORT_NOT_DECLARED", declared ? `This lab previews port ${declared} only.` : "This lab's template declares no port to preview.");
  }
  if (lab.status !== "READY") return fail("LAB_NOT_READY", `The lab is ${lab.status.toLowerCase()}: its preview opens once it is ready.`);
  const now = deps.now?.() ?? Date.now();
  const readOnly = !isParticipant(user, lab);
  const expiresAt = now + deps.tokenTtlMs;
  const token = signPreviewToken(deps.key, { labId: lab.id, port: input.port, userId: user.id, readOnly, expiresAt, nonce: newNonce() });
  return ok({ url: `${deps.origin}/enter?token=${token}`, port: input.port, expiresAt: new Date(expiresAt).toISOString(), readOnly });
}

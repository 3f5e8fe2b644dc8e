import { fail, ok, type Result } from "@/lib/errors";
import type { TemplateErrorCode } from "./errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import { userTemplateName } from "./rules";
import type { VersionView } from "./schema";

/** One version's text: its author's, and organizers' (who review templates). */
export async function getTemplateVersion(
  deps: Pick<TemplateDeps, "repo">,
  user: TemplateUser,
  at: { id: string; version: number },
): Promise<Result<VersionView, TemplateErrorCode>> {
  const t = await deps.repo.find(at.id);
  if (!t) return fail("USER_TEMPLATE_NOT_FOUND", "No such template.");
  if (t.authorId !== user.id && user.role !== "ORGANIZER") return fail("FORBIDDEN", "Only its author and organizers can read this template.");
  const v = t.versions.find((x) => x.number === at.version);
  const yaml = v ? await deps.repo.versionYaml(t.id, v.number) : null;
  if (!v || yaml === null) return fail("USER_TEMPLATE_NOT_FOUND", `The template has no version ${at.version}.`);
  return ok({ templateId: t.id, number: v.number, name: userTemplateName(t.id, v.number), title: t.title, yaml, createdAt: v.createdAt.toISOString() });
}

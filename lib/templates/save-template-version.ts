import { fail, ok, type Result } from "@/lib/errors";
import type { TemplateErrorCode } from "./errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import { MAX_TEMPLATES_PER_AUTHOR, MAX_VERSIONS_PER_TEMPLATE, userTemplateName } from "./rules";
import type { VersionView, YamlInput } from "./schema";
import { checkTemplate, problemFields, problemsSentence } from "./validate-template";

/**
 * Saves the YAML as a new version: of a new template (no templateId), or the next of the author's
 * own. Versions are immutable (the database refuses an update); an offer keeps pointing at the
 * version it named. Only a valid template is saved. A disabled template stays disabled.
 */
export async function saveTemplateVersion(
  deps: TemplateDeps,
  user: TemplateUser,
  input: YamlInput & { templateId?: string },
): Promise<Result<VersionView, TemplateErrorCode | "VALIDATION_FAILED">> {
  const existing = input.templateId ? await deps.repo.find(input.templateId) : null;
  if (input.templateId) {
    if (!existing) return fail("USER_TEMPLATE_NOT_FOUND", "No such template. It may have been deleted.");
    if (existing.authorId !== user.id) return fail("FORBIDDEN", "Only its author can save a new version of this template.");
    if (existing.versions.length >= MAX_VERSIONS_PER_TEMPLATE)
      return fail("TEMPLATE_LIMIT_REACHED", `A template keeps at most ${MAX_VERSIONS_PER_TEMPLATE} versions. Start a new template.`);
  } else if ((await deps.repo.countByAuthor(user.id)) >= MAX_TEMPLATES_PER_AUTHOR) {
    return fail("TEMPLATE_LIMIT_REACHED", `You can keep at most ${MAX_TEMPLATES_PER_AUTHOR} templates. Add a version to one of them instead.`);
  }
  const { template, problems } = await checkTemplate(deps, input.yaml);
  if (!template) return fail("TEMPLATE_INVALID", problemsSentence(problems), problemFields(problems));
  const saved = existing ? await deps.repo.addVersion(existing.id, template.title, input.yaml) : await deps.repo.create(user.id, template.title, input.yaml);
  await deps.refreshCatalogue();
  return ok({
    templateId: saved.templateId,
    number: saved.number,
    name: userTemplateName(saved.templateId, saved.number),
    title: template.title,
    yaml: input.yaml,
    createdAt: saved.createdAt.toISOString(),
  });
}

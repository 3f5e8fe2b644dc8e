import { fail, type Result } from "@/lib/errors";
import type { LabView } from "@/lib/labs/schema";
import type { TemplateErrorCode } from "./errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import { userTemplateName } from "./rules";
import { checkTemplate, problemFields, problemsSentence } from "./validate-template";

/**
 * "Try it": a private test lab of one version for its author, through the labs' own launch (so
 * capacity, placement on the hosts and every hardening flag apply; the lab is the author's alone).
 * Its images are checked again: one may have left the hosts since the version was saved.
 */
export async function tryTemplate(deps: TemplateDeps, user: TemplateUser, at: { id: string; version: number }): Promise<Result<LabView, TemplateErrorCode | string>> {
  const t = await deps.repo.find(at.id);
  if (!t) return fail("USER_TEMPLATE_NOT_FOUND", "No such template.");
  if (t.authorId !== user.id) return fail("FORBIDDEN", "Only its author can try this template.");
  if (t.disabledAt) return fail("TEMPLATE_DISABLED", `The lab template "${t.title}" was disabled by an organizer: ${t.disabledReason ?? ""}`);
  const yaml = await deps.repo.versionYaml(t.id, at.version);
  if (yaml === null) return fail("USER_TEMPLATE_NOT_FOUND", `The template has no version ${at.version}.`);
  const { problems } = await checkTemplate(deps, yaml);
  if (problems.length) return fail("TEMPLATE_INVALID", problemsSentence(problems), problemFields(problems));
  await deps.refreshCatalogue();
  return deps.launch(user, userTemplateName(t.id, at.version));
}

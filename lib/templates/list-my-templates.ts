import { ok, type Result } from "@/lib/errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import type { UserTemplateView } from "./schema";
import { latestNumber, toUserTemplateView } from "./view";

/** The author's own templates, most recently changed first, each with its versions and the latest version's text. */
export async function listMyTemplates(deps: Pick<TemplateDeps, "repo">, user: TemplateUser): Promise<Result<{ items: UserTemplateView[] }>> {
  const records = await deps.repo.listByAuthor(user.id);
  const items = await Promise.all(records.map(async (r) => toUserTemplateView(r, (await deps.repo.versionYaml(r.id, latestNumber(r))) ?? "")));
  return ok({ items });
}

import { fail, ok, type Result } from "@/lib/errors";
import type { TemplateErrorCode } from "./errors";
import type { TemplateDeps, TemplateUser } from "./ports";
import { reviewItemOf } from "./list-all-templates";
import type { ReviewItem } from "./schema";

/**
 * An organizer disables a template: every version stops launching (Try it, and the sessions of
 * the offers that name it, refuse with the reason); the offer and the author's list show it.
 * Labs already running go on. With `reason` null it is enabled again.
 */
export async function setTemplateDisabled(
  deps: Pick<TemplateDeps, "repo" | "refreshCatalogue" | "now">,
  organizer: TemplateUser,
  id: string,
  reason: string | null,
): Promise<Result<ReviewItem, TemplateErrorCode>> {
  if (organizer.role !== "ORGANIZER") return fail("FORBIDDEN", "Only organizers can disable or enable templates.");
  if (!(await deps.repo.find(id))) return fail("USER_TEMPLATE_NOT_FOUND", "No such template.");
  await deps.repo.setDisabled(id, reason === null ? null : { at: deps.now(), reason, byId: organizer.id });
  await deps.refreshCatalogue();
  const item = (await deps.repo.listAll()).find((t) => t.id === id);
  if (!item) return fail("USER_TEMPLATE_NOT_FOUND", "No such template.");
  return ok(await reviewItemOf(deps, item));
}

export function disableTemplate(deps: Pick<TemplateDeps, "repo" | "refreshCatalogue" | "now">, organizer: TemplateUser, id: string, reason: string) {
  return setTemplateDisabled(deps, organizer, id, reason);
}

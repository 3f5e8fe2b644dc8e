import type { TemplateDeps, TemplateUser } from "./ports";
import { setTemplateDisabled } from "./disable-template";

/** An organizer lifts a disable: the template's versions launch again. */
export function enableTemplate(deps: Pick<TemplateDeps, "repo" | "refreshCatalogue" | "now">, organizer: TemplateUser, id: string) {
  return setTemplateDisabled(deps, organizer, id, null);
}

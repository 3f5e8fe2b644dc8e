import type { UserView } from "@/lib/auth/schema";
import type { Result } from "@/lib/errors";
import type { LabView } from "@/lib/labs/schema";
import type { UserTemplateRepo } from "./repo";
import type { ImagePresence } from "./rules";

export type TemplateUser = Pick<UserView, "id" | "role" | "name">;

/** What the templates use cases need; deps.ts wires the real ones, unit tests pass fakes. */
export interface TemplateDeps {
  repo: UserTemplateRepo;
  /** Which of these images each active lab host has (the engines' own image store). */
  findImages(refs: string[]): Promise<ImagePresence>;
  /** Registries a template's image may come from although no host has it yet (LAB_TEMPLATE_REGISTRIES). */
  registries: readonly string[];
  /** Re-reads the templates into the one catalogue (lib/labs/templates.ts) after a change. */
  refreshCatalogue(): Promise<void>;
  /** The labs' own launch (lib/labs/launch-lab.ts): capacity, hosts and hardening as for any lab. */
  launch(user: TemplateUser, templateName: string): Promise<Result<LabView, string>>;
  now(): Date;
}

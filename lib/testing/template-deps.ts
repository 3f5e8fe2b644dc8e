import { ok } from "@/lib/errors";
import type { LabView } from "@/lib/labs/schema";
import { refreshUserTemplates } from "@/lib/templates/catalogue";
import type { TemplateDeps, TemplateUser } from "@/lib/templates/ports";
import { inMemoryUserTemplateRepo } from "./in-memory-user-template-repo";

export const SHELL_YAML = `services:
  - name: shell
    image: mingle/busybox:1
    command: ["sleep", "inf"]
x-mingle:
  title: My shell
  isolation: container
  runtime: runc
`;

export const ALICE: TemplateUser = { id: "alice", role: "ATTENDEE", name: "Alice" };
export const BOB: TemplateUser = { id: "bob", role: "ATTENDEE", name: "Bob" };
export const ORGANIZER: TemplateUser = { id: "org", role: "ORGANIZER", name: "Olga" };

/** Templates use cases' dependencies with fakes: images present are `images`, launches are recorded. */
export function fakeTemplateDeps(o: { images?: string[]; registries?: string[] } = {}) {
  const repo = inMemoryUserTemplateRepo();
  const images = new Set(o.images ?? ["mingle/busybox:1"]);
  const launched: { user: TemplateUser; name: string }[] = [];
  const deps: TemplateDeps = {
    repo,
    findImages: async (refs) => ({ hosts: ["local"], missing: Object.fromEntries(refs.filter((r) => !images.has(r)).map((r) => [r, ["local"]])) }),
    registries: o.registries ?? [],
    refreshCatalogue: () => refreshUserTemplates(repo),
    async launch(user, name) {
      launched.push({ user, name });
      return ok({ id: "lab1", template: { name, title: name, isolation: "runc", mode: "container" } } as unknown as LabView);
    },
    now: () => new Date("2026-12-02T10:00:00Z"),
  };
  return { deps, repo, launched };
}

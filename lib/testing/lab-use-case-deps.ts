import { userRepo } from "@/lib/auth/repo";
import type { Db } from "@/lib/db";
import { labRepo } from "@/lib/labs/repo";
import type { LabTemplate } from "@/lib/labs/template-schema";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { renderMarkdown } from "@/lib/markdown/render";

/** The labs use cases' deps on a test database, as lib/labs/deps.ts wires them, with an engine that answers. */
export function testLabUseCaseDeps(db: Db, labs: LabUseCaseDeps["labs"], templates: Map<string, LabTemplate>, engineId: string): LabUseCaseDeps {
  const users = userRepo(db);
  return {
    labs,
    repo: labRepo(db),
    templates: () => templates,
    engineStatus: async () => ({ ok: true, engine: engineId, runtimes: ["runc", "runsc"] }),
    renderMarkdown,
    async userNames(ids) {
      const found = await Promise.all(ids.map((id) => users.findById(id)));
      return new Map(found.filter((u) => u !== null).map((u) => [u.id, u.name]));
    },
  };
}

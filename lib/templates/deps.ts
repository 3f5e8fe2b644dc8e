import { db } from "@/lib/db";
import { publish } from "@/lib/realtime/bus";
import { getEngine } from "@/lib/docker/engines";
import { env } from "@/lib/env";
import { hostRegistry } from "@/lib/hosts/host-pool";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { launchLab } from "@/lib/labs/launch-lab";
import { logger } from "@/lib/log";
import { withTimeout } from "@/lib/timeout";
import { refreshUserTemplates } from "./catalogue";
import { TEMPLATES_TOPIC } from "./jobs";
import type { TemplateDeps } from "./ports";
import { userTemplateRepo } from "./repo";
import type { ImagePresence } from "./rules";

/** One host's image store gets this long to answer; a host that does not is left out of the check. */
const IMAGE_CHECK_MS = 3_000;

/** Asks each active, answering lab host (lib/hosts) whether it has each image. */
export async function findImagesOnHosts(refs: string[]): Promise<ImagePresence> {
  const hosts = hostRegistry()
    .list()
    .filter((h) => h.state === "ACTIVE" && h.healthy);
  const missing: Record<string, string[]> = {};
  const asked: string[] = [];
  await Promise.all(
    hosts.map(async (h) => {
      try {
        const engine = getEngine(h.id);
        const found = await withTimeout(Promise.all(refs.map((ref) => engine.inspectImage(ref))), IMAGE_CHECK_MS, `lab host ${h.name}`);
        asked.push(h.name);
        found.forEach((image, i) => {
          const ref = refs[i]!;
          if (!image) missing[ref] = [...(missing[ref] ?? []), h.name];
        });
      } catch (error) {
        logger.warn("templates.image_check_failed", { host: h.name, error: String(error) });
      }
    }),
  );
  return { hosts: asked.sort(), missing };
}

export function templateDeps(overrides: Partial<TemplateDeps> = {}): TemplateDeps {
  const repo = userTemplateRepo(db);
  return {
    repo,
    findImages: findImagesOnHosts,
    registries: env().LAB_TEMPLATE_REGISTRIES,
    // This process's catalogue now (the caller reads it next); the others' on the bus (lib/templates/jobs.ts).
    refreshCatalogue: async () => {
      await refreshUserTemplates(repo, (e, f) => logger.warn(e, f));
      publish(TEMPLATES_TOPIC, { othersOnly: true });
    },
    launch: (user, template) => launchLab(labUseCaseDeps(), user, { template }),
    now: () => new Date(),
    ...overrides,
  };
}

import type { Server } from "node:http";
import { getEngine } from "@/lib/docker/engines";
import { labRuntime } from "@/lib/labs/deps";
import { labTemplates } from "@/lib/labs/templates";
import { logger } from "@/lib/log";
import { previewConfig } from "@/lib/preview/config";
import type { OpenPreviewDeps } from "@/lib/preview/open-preview";
import { createPreviewServer } from "@/lib/preview/preview-server";
import { redisPreviewSessions } from "@/lib/preview/redis-preview-sessions";
import { redis, redisKey } from "@/lib/redis";

/** The real dependencies of openPreview (Next's route bundle). */
export function previewDeps(): OpenPreviewDeps {
  const config = previewConfig();
  return { repo: labRuntime().repo, templates: labTemplates, key: config.key, origin: config.origin, tokenTtlMs: config.tokenTtlMs };
}

/** The preview origin's listener, in the custom server's process (server.ts). */
export function createPreviewListener(): { server: Server; port: number; origin: string } {
  const config = previewConfig();
  const server = createPreviewServer({
    repo: labRuntime().repo,
    engine: (id) => getEngine(id),
    key: config.key,
    origin: config.origin,
    publicUrl: config.publicUrl,
    limits: config.limits,
    sessions: redisPreviewSessions({ client: redis, key: (...parts) => redisKey("preview", ...parts), idleMs: config.limits.sessionIdleMs }),
    log: (event, fields) => logger.warn(event, fields),
  });
  return { server, port: config.port, origin: config.origin };
}

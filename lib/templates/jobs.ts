import { logger } from "@/lib/log";
import { onBus } from "@/lib/realtime/bus";
import { remember } from "@/lib/singleton";
import { refreshUserTemplates } from "./catalogue";
import type { UserTemplateRepo } from "./repo";

/**
 * Another process's save or disable reaches this one's catalogue on the bus (TEMPLATES_TOPIC) at
 * once, and within this long if that message was lost (pub/sub drops what a disconnected
 * subscriber misses).
 */
const REFRESH_MS = 20_000;
export const TEMPLATES_TOPIC = "templates";

const state = () => remember("templates.jobs", () => ({ timer: undefined as NodeJS.Timeout | undefined, refresh: undefined as (() => void) | undefined, subscribed: false }));

/** Server start: people's templates join the catalogue now, on every change made on another process, and every REFRESH_MS. */
export function startTemplateCatalogue(repo: UserTemplateRepo): void {
  const s = state();
  if (s.timer) return;
  const refresh = () => refreshUserTemplates(repo, (e, f) => logger.warn(e, f)).catch((error: unknown) => logger.warn("templates.refresh_failed", { error: String(error) }));
  void refresh();
  // Subscribed once per process; a restart of the catalogue swaps the repo it reads.
  if (!s.subscribed) onBus(TEMPLATES_TOPIC, () => s.refresh?.());
  s.subscribed = true;
  s.refresh = () => void refresh();
  s.timer = setInterval(refresh, REFRESH_MS);
  s.timer.unref();
}

export function stopTemplateCatalogue(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  s.refresh = undefined;
}

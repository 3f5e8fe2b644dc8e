import { logger } from "@/lib/log";
import { remember } from "@/lib/singleton";
import { deleteExpiredRecordings } from "./delete-expired-recordings";
import { recordingDeps } from "./deps";
import type { RecordingDeps } from "./recording-deps";

/** How often recordings past their retention are looked for: deletion is due by the day, not the second. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

const task = () => remember("recordings.retention", () => ({ timer: undefined as NodeJS.Timeout | undefined, running: null as Promise<unknown> | null }));

/** A background task: deletes recordings past RECORDING_RETENTION_DAYS, at start and then every RETENTION_INTERVAL_MS. */
export function startRecordingRetention(deps: () => Pick<RecordingDeps, "repo" | "now" | "retentionDays"> = () => recordingDeps(), intervalMs = RETENTION_INTERVAL_MS): void {
  const t = task();
  if (t.timer) return;
  const tick = () => {
    if (t.running) return;
    t.running = deleteExpiredRecordings(deps())
      .then((n) => {
        if (n) logger.info("recordings.expired_deleted", { recordings: n });
      })
      .catch((error: unknown) => logger.error("recordings.retention_failed", { error: String(error) }))
      .finally(() => (t.running = null));
  };
  t.timer = setInterval(tick, intervalMs);
  t.timer.unref();
  tick();
}

export async function stopRecordingRetention(): Promise<void> {
  const t = task();
  clearInterval(t.timer);
  t.timer = undefined;
  await t.running;
}

import type { RecordingDeps } from "./recording-deps";

const DAY_MS = 24 * 60 * 60_000;

/** Recordings older than the retention (RECORDING_RETENTION_DAYS, counted from their start) are deleted, chunks and all. */
export async function deleteExpiredRecordings(deps: Pick<RecordingDeps, "repo" | "now" | "retentionDays">): Promise<number> {
  return deps.repo.deleteStartedBefore(new Date(deps.now().getTime() - deps.retentionDays * DAY_MS));
}

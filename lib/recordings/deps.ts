import { userRepo } from "@/lib/auth/repo";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { labTemplates } from "@/lib/labs/templates";
import type { RecordingDeps } from "./recording-deps";
import { recordingRepo } from "./repo";

export function recordingDeps(overrides: Partial<RecordingDeps> = {}): RecordingDeps {
  const e = env();
  const users = userRepo(db);
  return {
    repo: recordingRepo(db),
    templates: labTemplates,
    now: () => new Date(),
    maxBytes: e.RECORDING_MAX_BYTES,
    retentionDays: e.RECORDING_RETENTION_DAYS,
    userName: async (id) => (await users.findById(id))?.name ?? null,
    ...overrides,
  };
}

import type { LabTemplate } from "@/lib/labs/template-schema";
import type { RecordingRepo } from "./repo";

/** What the recordings' use cases need; deps.ts builds the real ones, tests pass fakes. */
export interface RecordingDeps {
  repo: RecordingRepo;
  templates: () => Map<string, LabTemplate>;
  now: () => Date;
  /** RECORDING_MAX_BYTES */
  maxBytes: number;
  /** RECORDING_RETENTION_DAYS */
  retentionDays: number;
  userName(id: string): Promise<string | null>;
}

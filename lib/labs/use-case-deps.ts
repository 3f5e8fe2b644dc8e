import type { UserView } from "@/lib/auth/schema";
import type { LabEngine } from "@/lib/labs/lab-engine";
import type { LabErrorCode } from "@/lib/labs/errors";
import type { LabRepo } from "@/lib/labs/repo";
import type { EngineStatusView } from "@/lib/labs/schema";
import type { LabTemplate } from "@/lib/labs/template-schema";

/**
 * What the labs use cases (one per file: list-templates, launch-lab, launch-session-lab, list-labs,
 * get-lab, stop-lab) need. They authorize with lib/labs/access.ts, call the LabEngine and shape
 * views. Dependencies come in as arguments (lib/labs/deps.ts wires the real ones), so tests can
 * pass their own repo, engine status or engine.
 */
export interface LabUseCaseDeps {
  labs: Pick<LabEngine, "startLaunch" | "stop">;
  repo: Pick<LabRepo, "get" | "listLive">;
  templates: () => Map<string, LabTemplate>;
  engineStatus: () => Promise<EngineStatusView>;
  /** Display names for user ids (missing ids are left out). */
  userNames: (ids: string[]) => Promise<Map<string, string>>;
  /** Resolves once the engine has been reconciled at start (launches wait for it). */
  ready?: () => Promise<void>;
  renderMarkdown: (md: string) => string;
  /** Counts one standalone launch of the user: ms to wait before another, 0 to go (LAB_LAUNCH_RATE_LIMIT). */
  launchWait?: (userId: string) => Promise<number>;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export type LabUser = Pick<UserView, "id" | "role" | "name">;
export type LabFailure = LabErrorCode | "FORBIDDEN";

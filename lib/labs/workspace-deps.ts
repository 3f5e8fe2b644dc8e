import { db } from "@/lib/db";
import { getEngine } from "@/lib/docker/engines";
import { hostRegistry } from "@/lib/hosts/host-pool";
import { checkResultRepo } from "@/lib/labs/check-results-repo";
import { labRoom, labRuntime, labUseCaseDeps } from "@/lib/labs/deps";
import { labTemplates } from "@/lib/labs/templates";
import type { WorkspaceDeps } from "@/lib/labs/workspace-lab";
import { realtime } from "@/lib/realtime/server";

/** Why a host takes no more lab time: it is being drained, is down, or does not answer. */
function hostRefusal(engineId: string): string | undefined {
  const host = hostRegistry().get(engineId);
  if (!host) return undefined;
  if (host.state === "DRAINING") return "The lab's machine is being emptied: its labs finish on time and are not extended.";
  if (host.state === "DOWN" || !host.healthy) return "The lab's machine does not answer right now; try again in a minute.";
  return undefined;
}

/** The workspace use cases (files, checks, extend) wired to this process's lab runtime. */
export function workspaceDeps(): WorkspaceDeps {
  const rt = labRuntime();
  return {
    repo: rt.repo,
    templates: labTemplates,
    engine: (id) => getEngine(id),
    checkResults: checkResultRepo(db),
    userNames: (ids) => labUseCaseDeps().userNames(ids),
    hostRefusal,
    announceExtended: (e) => realtime()?.to(labRoom(e.labId)).emit("lab:extended", e),
    announceChecked: (e) => realtime()?.to(labRoom(e.labId)).emit("lab:checked", e),
  };
}

import { ok, type Result } from "@/lib/errors";
import type { LabLaunchErrorCode } from "@/lib/labs/errors";
import { launchableTemplate } from "@/lib/labs/launchable";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { remember } from "@/lib/singleton";

export interface SessionLabInput {
  ownerId: string;
  templateName: string;
  participantIds: string[];
  sessionId: string;
  /** The slot's end plus grace: the lab is recorded with it (the template's own TTL does not apply). */
  expiresAt: Date;
  /** The Mingle area of the session's table (placement's tie-breaker). */
  areaId?: string | null;
}

type Launched = Result<{ labId: string }, LabLaunchErrorCode>;

/**
 * A booked session's lab ("Open lab"), through the same checks as a launch from the Labs page.
 * Both people tap "Open lab": one lab per session. Launches of one session are serialized in this
 * process, and a live lab of the session is reused. Answers at once with the lab id; the lab page
 * follows the launch through lab:status.
 */
export function launchSessionLab(deps: LabUseCaseDeps, input: SessionLabInput): Promise<Launched> {
  const inflight = remember("labs.sessionLaunches", () => new Map<string, Promise<Launched>>());
  const previous = inflight.get(input.sessionId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => launchOrReuse(deps, input));
  inflight.set(input.sessionId, next);
  void next
    .finally(() => {
      if (inflight.get(input.sessionId) === next) inflight.delete(input.sessionId);
    })
    .catch(() => undefined);
  return next;
}

async function launchOrReuse(deps: LabUseCaseDeps, input: SessionLabInput): Promise<Launched> {
  const live = (await deps.repo.listLive()).find((lab) => lab.sessionId === input.sessionId);
  if (live) return ok({ labId: live.id });
  const template = await launchableTemplate(deps, input.templateName);
  if (!template.ok) return template;
  const { ownerId, participantIds, sessionId, expiresAt, areaId } = input;
  const started = await deps.labs.startLaunch({ ownerId, templateName: template.value.name, participantIds, sessionId, expiresAt, areaId });
  if (!started.ok) return started;
  void started.value.done.catch((error: unknown) => deps.log?.("labs.launch_crashed", { labId: started.value.lab.id, error: String(error) }));
  return ok({ labId: started.value.lab.id });
}

import type { LabEngine } from "@/lib/labs/lab-engine";
import type { LabRecord, LabRepo } from "@/lib/labs/repo";

/**
 * Labs of a host that went down, or that an organizer moves off a draining host: each ends (LOST
 * or STOPPED) and, for a session lab (or any lab being moved), a new one of the same template,
 * people, session and end time starts on another host. The old lab's page says so and links to
 * the new one (replacedBy), live through lab:status. Files in /home/lab live on the old host's
 * volume, so they do not come along; the message says that too.
 */
export interface RelaunchDeps {
  repo: Pick<LabRepo, "listLive" | "listLostSince">;
  labs: Pick<LabEngine, "setStatus" | "startLaunch">;
  hostName: (engineId: string) => string;
  now?: () => Date;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export const hostDownReason = {
  starting: "Your lab's machine stopped answering; a new lab is starting; files in /home/lab were lost.",
  startedOn: (host: string) => `Your lab's machine stopped answering; a new lab is starting on ${host}; files in /home/lab were lost.`,
  noRoom:
    "Your lab's machine stopped answering and no other machine has room for a new lab right now; files in /home/lab were lost. Open the lab again from the session in a minute.",
  standalone: "Your lab's machine stopped answering; the lab was lost, with its files in /home/lab. Launch a new one from the Labs page.",
};

export const movedReason = {
  moving: "An organizer is moving this lab to another machine; files in /home/lab are not kept.",
  movedTo: (host: string) => `An organizer moved this lab to ${host}; a new lab is starting there; files in /home/lab were not kept.`,
  noRoom: "An organizer took this lab's machine out of service and no other machine has room for it right now; launch it again in a minute.",
};

export interface Relaunched {
  from: string;
  to: string;
  host: string;
}

/** A new lab like `lab` on another host (placement picks it; the ended host is no longer eligible). */
async function relaunch(deps: RelaunchDeps, lab: LabRecord): Promise<{ labId: string; engineId: string } | undefined> {
  const started = await deps.labs.startLaunch({
    ownerId: lab.ownerId,
    templateName: lab.templateName,
    participantIds: lab.participantIds,
    sessionId: lab.sessionId,
    expiresAt: lab.expiresAt,
  });
  if (!started.ok) {
    deps.log?.("hosts.relaunch_refused", { labId: lab.id, code: started.code, message: started.message });
    return undefined;
  }
  void started.value.done.catch((error: unknown) => deps.log?.("hosts.relaunch_crashed", { labId: started.value.lab.id, error: String(error) }));
  return { labId: started.value.lab.id, engineId: started.value.lab.engineId };
}

/**
 * The host stopped answering: its live labs are LOST (and any its engine events already marked
 * lost since `since`); each session lab still within its time is relaunched elsewhere, unless the
 * session already has a live lab. The old record is marked first, so the owner's lab limit lets
 * the new one in.
 */
export async function failOver(deps: RelaunchDeps, hostId: string, since: Date): Promise<{ lost: string[]; relaunched: Relaunched[] }> {
  const now = deps.now?.() ?? new Date();
  const live = await deps.repo.listLive(hostId);
  for (const lab of live) await deps.labs.setStatus(lab.id, "LOST", { reason: lab.sessionId ? hostDownReason.starting : hostDownReason.standalone });
  const lostBefore = await deps.repo.listLostSince(hostId, since);
  const lost = [...new Map([...live, ...lostBefore].map((l) => [l.id, l])).values()];
  const relaunched: Relaunched[] = [];
  const sessionsLive = new Set((await deps.repo.listLive()).flatMap((l) => (l.sessionId ? [l.sessionId] : [])));
  for (const lab of lost) {
    if (!lab.sessionId) continue;
    if (sessionsLive.has(lab.sessionId) || lab.expiresAt.getTime() <= now.getTime()) {
      await deps.labs.setStatus(lab.id, "LOST", { reason: hostDownReason.standalone });
      continue;
    }
    const next = await relaunch(deps, lab);
    if (!next) {
      await deps.labs.setStatus(lab.id, "LOST", { reason: hostDownReason.noRoom });
      continue;
    }
    sessionsLive.add(lab.sessionId);
    const host = deps.hostName(next.engineId);
    await deps.labs.setStatus(lab.id, "LOST", { reason: hostDownReason.startedOn(host), replacedBy: next.labId });
    relaunched.push({ from: lab.id, to: next.labId, host });
  }
  deps.log?.("hosts.failed_over", { host: deps.hostName(hostId), lost: lost.length, relaunched: relaunched.length });
  return { lost: lost.map((l) => l.id), relaunched };
}

/**
 * Drain with "move": every ready lab of the host is stopped and started again elsewhere. Labs
 * still starting or stopping finish where they are. `stop` is LabEngine.stop (the teardown on a
 * host that answers).
 */
export async function moveLabs(deps: RelaunchDeps & { stop: (labId: string, reason: string) => Promise<unknown> }, hostId: string): Promise<Relaunched[]> {
  const moved: Relaunched[] = [];
  for (const lab of await deps.repo.listLive(hostId)) {
    if (lab.status !== "READY") continue;
    await deps.stop(lab.id, movedReason.moving);
    const next = await relaunch(deps, lab);
    if (!next) {
      await deps.labs.setStatus(lab.id, "STOPPED", { reason: movedReason.noRoom });
      continue;
    }
    const host = deps.hostName(next.engineId);
    await deps.labs.setStatus(lab.id, "STOPPED", { reason: movedReason.movedTo(host), replacedBy: next.labId });
    moved.push({ from: lab.id, to: next.labId, host });
  }
  return moved;
}

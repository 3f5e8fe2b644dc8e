import { fail, ok, type Result } from "@/lib/errors";
import type { HostErrorCode } from "./errors";
import { hostView } from "./host-views";
import type { HostView } from "./schema";
import type { HostUseCaseDeps } from "./use-case-deps";

/**
 * Drain: the host takes no new labs and gives up its warm ones; its running labs finish where
 * they are, or with `move` are relaunched on other hosts (their files in /home/lab do not come).
 */
export async function drainHost(deps: HostUseCaseDeps, hostId: string, opts: { move: boolean }): Promise<Result<HostView & { moved: number }, HostErrorCode>> {
  const host = deps.registry.get(hostId);
  if (!host) return fail("HOST_NOT_FOUND", "There is no lab host with this id.");
  // A DOWN host takes nothing already; it stays DOWN, so that answering again still reconciles it.
  if (host.state === "ACTIVE") await deps.registry.setState(hostId, "DRAINING");
  deps.labs.drainWarm(hostId);
  const moved = opts.move && host.state !== "DOWN" ? await deps.labs.move(hostId) : [];
  deps.changed();
  return ok({ ...(await hostView(deps, deps.registry.get(hostId) ?? host)), moved: moved.length });
}

import { fail, ok, type Result } from "@/lib/errors";
import type { HostErrorCode } from "./errors";
import { hostView } from "./host-views";
import type { HostView } from "./schema";
import type { HostUseCaseDeps } from "./use-case-deps";

/**
 * A draining host takes labs again. A DOWN host is made active by its health check once it
 * answers and is reconciled, so activating one only says so.
 */
export async function activateHost(deps: HostUseCaseDeps, hostId: string): Promise<Result<HostView, HostErrorCode>> {
  const host = deps.registry.get(hostId);
  if (!host) return fail("HOST_NOT_FOUND", "There is no lab host with this id.");
  if (host.state === "DRAINING") {
    await deps.registry.setState(hostId, "ACTIVE");
    deps.labs.refillWarm();
    deps.changed();
  }
  return ok(await hostView(deps, deps.registry.get(hostId) ?? host));
}

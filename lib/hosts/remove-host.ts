import { fail, ok, type Result } from "@/lib/errors";
import type { HostErrorCode } from "./errors";
import type { HostUseCaseDeps } from "./use-case-deps";

/** Removes a host from the pool: only once it is drained (or down) and runs no labs, so nothing is cut off. */
export async function removeHost(deps: HostUseCaseDeps, hostId: string): Promise<Result<null, HostErrorCode>> {
  const host = deps.registry.get(hostId);
  if (!host) return fail("HOST_NOT_FOUND", "There is no lab host with this id.");
  if (host.implicit) return fail("HOST_IS_LOCAL", "The local engine is this server's own; set LAB_LOCAL_HOST=false to leave it out of the pool.");
  if (host.state === "ACTIVE") return fail("HOST_NOT_DRAINED", `Drain ${host.name} first: it still takes new labs.`);
  const live = await deps.labs.liveCount(hostId);
  if (live > 0) {
    return fail(
      "HOST_NOT_EMPTY",
      `${host.name} still runs ${live} lab${live === 1 ? "" : "s"}; wait for ${live === 1 ? "it" : "them"} to finish, or drain with "move" to relaunch them elsewhere.`,
    );
  }
  await deps.repo.remove(hostId);
  await deps.registry.reload();
  deps.changed();
  return ok(null);
}

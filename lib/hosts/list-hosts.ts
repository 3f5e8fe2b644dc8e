import { ok, type Result } from "@/lib/errors";
import { hostView } from "./host-views";
import type { HostList } from "./schema";
import type { HostUseCaseDeps } from "./use-case-deps";

/** Every lab host with its state, health and load (the Hosts page; organizers only, checked at the edge). */
export async function listHosts(deps: HostUseCaseDeps): Promise<Result<HostList, never>> {
  return ok({ hosts: await Promise.all(deps.registry.list().map((h) => hostView(deps, h))) });
}

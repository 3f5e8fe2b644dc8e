import { fail, ok, type Result } from "@/lib/errors";
import type { HostErrorCode } from "./errors";
import { hostView } from "./host-views";
import type { AddHostInput, HostView } from "./schema";
import type { HostUseCaseDeps } from "./use-case-deps";

/**
 * Adds a backing host: its engine must answer at the URL first (so a typo is a sentence now, not
 * a DOWN host later); version and runtimes come from that answer. The registry registers the
 * engine, the watchers and health checks pick it up, and placement may use it at once.
 */
export async function addHost(deps: HostUseCaseDeps, input: AddHostInput & { certNotAfter?: Date | null }): Promise<Result<HostView, HostErrorCode>> {
  const existing = await deps.repo.list();
  const local = deps.registry.list().find((h) => h.implicit);
  if (existing.some((h) => h.name === input.name) || local?.name === input.name) return fail("HOST_NAME_TAKEN", `There is already a host named "${input.name}".`);
  if (existing.some((h) => h.engineUrl === input.engineUrl) || local?.engineUrl === input.engineUrl) {
    return fail("HOST_URL_TAKEN", `A host with the engine ${input.engineUrl} is already in the pool.`);
  }
  const answer = await deps.probe(input.engineUrl);
  if (!answer.ok) return fail("HOST_UNREACHABLE", `No Docker Engine answers at ${input.engineUrl}: ${answer.error}`);
  const created = await deps.repo.create({
    name: input.name,
    engineUrl: input.engineUrl,
    maxLabs: input.maxLabs,
    maxMemoryMb: input.maxMemoryMb,
    maxCpus: input.maxCpus,
    areaId: input.areaId,
    labels: answer.runtimes,
    dockerVersion: answer.version,
    certNotAfter: input.certNotAfter ?? null,
  });
  await deps.registry.reload();
  deps.labs.refillWarm();
  deps.changed();
  const live = deps.registry.get(created.id);
  return ok(await hostView(deps, live ?? { ...created, implicit: false, healthy: true }));
}

import { fail, ok } from "@/lib/errors";
import type { HostCertificateRenewed, RegisterJoinedHost } from "./joined-host-port";
import type { HostUseCaseDeps } from "./use-case-deps";

/**
 * The join flow's ports, on the LabHost records. A joined machine becomes a host at once, DOWN
 * with "not answered yet": `lab-host.sh join` starts its dockerd only once it holds the
 * certificate, and the health task brings it up (reconciled, version and runtimes read) when it
 * answers over mutual TLS. A renewal records the new expiry that the Hosts page shows.
 */

/** The budget a joined host starts with; the organizer changes it on the Hosts page. */
export const JOINED_HOST_BUDGET = { maxLabs: 30, maxMemoryMb: 12_288, maxCpus: 16 };
export const NOT_ANSWERED_YET = "Joined; its engine has not answered yet.";
export function joinedHostRecorder(deps: () => HostUseCaseDeps): { registerJoinedHost: RegisterJoinedHost; hostCertificateRenewed: HostCertificateRenewed } {
  return {
    async registerJoinedHost({ name, engineUrl, certNotAfter }) {
      const d = deps();
      const existing = await d.repo.list();
      const local = d.registry.list().find((h) => h.implicit);
      if (existing.some((h) => h.name === name) || local?.name === name) return fail("HOST_NAME_TAKEN", `There is already a host named "${name}".`);
      if (existing.some((h) => h.engineUrl === engineUrl)) return fail("HOST_URL_TAKEN", `A host with the engine ${engineUrl} is already in the pool.`);
      const created = await d.repo.create({ name, engineUrl, ...JOINED_HOST_BUDGET, areaId: null, labels: [], dockerVersion: null, certNotAfter });
      await d.repo.update(created.id, { state: "DOWN", lastError: NOT_ANSWERED_YET });
      await d.registry.reload();
      d.changed();
      return ok(undefined);
    },
    async hostCertificateRenewed({ name, certNotAfter }) {
      const d = deps();
      const host = (await d.repo.list()).find((h) => h.name === name);
      if (!host) return fail("HOST_CERTIFICATE_INVALID", `No host named "${name}" is in the pool any more: join it again with a new token.`);
      await d.repo.update(host.id, { certNotAfter });
      await d.registry.reload();
      d.changed();
      return ok(undefined);
    },
  };
}

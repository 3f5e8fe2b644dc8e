import { describe, expect, it } from "vitest";
import { HostRegistry } from "@/lib/hosts/host-registry";
import type { HostUseCaseDeps } from "@/lib/hosts/use-case-deps";
import { inMemoryHostRepo } from "@/lib/testing/in-memory-host-repo";
import { JOINED_HOST_BUDGET, joinedHostRecorder, NOT_ANSWERED_YET } from "./record-joined-host";

function world() {
  const repo = inMemoryHostRepo();
  const registered: string[] = [];
  const registry = new HostRegistry({
    repo,
    register: (id) => registered.push(id),
    engineOptions: () => ({ host: "127.0.0.2", port: 2376, protocol: "https" }),
    local: null,
    failuresToDown: 3,
  });
  let changes = 0;
  const deps = {
    registry,
    repo,
    changed: () => changes++,
    probe: async () => ({ ok: false as const, error: "not used by the join flow" }),
  } as unknown as HostUseCaseDeps;
  return { repo, registry, registered, recorder: joinedHostRecorder(() => deps), changes: () => changes };
}

describe("the join flow's ports on the host records", () => {
  it("records a joined host DOWN until its engine answers, registered with the registry, and refuses a second one by the same name or URL", async () => {
    const w = world();
    const certNotAfter = new Date("2027-03-01T00:00:00Z");
    expect(await w.recorder.registerJoinedHost({ name: "lab-1", engineUrl: "tcp://127.0.0.2:2376", certNotAfter })).toEqual({ ok: true, value: undefined });
    const [row] = await w.repo.list();
    expect(row).toMatchObject({ name: "lab-1", state: "DOWN", lastError: NOT_ANSWERED_YET, certNotAfter, maxLabs: JOINED_HOST_BUDGET.maxLabs, labels: [] });
    expect(w.registered).toEqual([row!.id]);
    expect(w.registry.get(row!.id)?.healthy).toBe(false);
    expect(w.changes()).toBe(1);

    const again = await w.recorder.registerJoinedHost({ name: "lab-1", engineUrl: "tcp://127.0.0.9:2376", certNotAfter });
    expect(again).toMatchObject({ ok: false, code: "HOST_NAME_TAKEN" });
    const sameUrl = await w.recorder.registerJoinedHost({ name: "lab-2", engineUrl: "tcp://127.0.0.2:2376", certNotAfter });
    expect(sameUrl).toMatchObject({ ok: false, code: "HOST_URL_TAKEN" });
    expect(await w.repo.list()).toHaveLength(1);
  });

  it("records a renewal's new expiry, and refuses one for a host no longer in the pool", async () => {
    const w = world();
    await w.recorder.registerJoinedHost({ name: "lab-1", engineUrl: "tcp://127.0.0.2:2376", certNotAfter: new Date("2027-03-01T00:00:00Z") });
    const later = new Date("2027-05-30T00:00:00Z");
    expect((await w.recorder.hostCertificateRenewed({ name: "lab-1", certNotAfter: later })).ok).toBe(true);
    expect((await w.repo.list())[0]!.certNotAfter).toEqual(later);
    expect(await w.recorder.hostCertificateRenewed({ name: "gone", certNotAfter: later })).toMatchObject({ ok: false, code: "HOST_CERTIFICATE_INVALID" });
  });
});

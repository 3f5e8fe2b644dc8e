import { describe, expect, it } from "vitest";
import { LABEL } from "@/lib/labs/container-spec";
import { liveLabs } from "@/lib/testing/live-labs";

// Reconciliation on the real Docker Engine, in-memory LabRepo.
const { engine, service, launch } = liveLabs();

describe("reconciliation on a real engine", () => {
  it("reconciles: removes orphans, marks labs whose containers vanished as lost", async () => {
    const { svc, store, reconcile } = service();
    const orphan = await launch(svc, "shell");
    const vanished = await launch(svc, "shell");
    const healthy = await launch(svc, "shell");
    await store.update(orphan.id, { status: "STOPPED" }); // record says gone, containers remain
    await engine().removeContainer(vanished.containers!.containers.find((c) => c.interactive)!.id);
    const r = await reconcile("local");
    expect(r.lost).toEqual([vanished.id]);
    expect(await engine().listContainers({ [LABEL.lab]: orphan.id })).toEqual([]);
    expect(await engine().listContainers({ [LABEL.lab]: vanished.id })).toEqual([]);
    expect((await store.get(vanished.id))!.status).toBe("LOST");
    expect((await store.get(healthy.id))!.status).toBe("READY");
    expect((await engine().listContainers({ [LABEL.lab]: healthy.id })).length).toBe(2);
  });
});

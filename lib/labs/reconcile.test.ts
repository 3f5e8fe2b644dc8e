import { describe, expect, it } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { LabProvisioner } from "@/lib/labs/lab-provisioner";
import { StartupReconcile } from "@/lib/labs/reconcile";

// Start-up reconciliation as a background task: it waits for an engine that does not answer, and stop() ends the wait.
describe("StartupReconcile", () => {
  it("retries while the engine is down, logs once, and settles without reconciling when stopped", async () => {
    const logged: string[] = [];
    let asked = 0;
    const task = new StartupReconcile({
      repo: {
        listLive: async () => {
          throw new Error("must not reconcile");
        },
      },
      provisioner: new LabProvisioner(() => ({}) as Engine),
      labs: {
        setStatus: async () => {
          throw new Error("must not reconcile");
        },
      } as unknown as Pick<LabEngine, "setStatus">,
      engineId: "down",
      engineStatus: async () => (asked++, { ok: false, engine: "down", runtimes: [], reason: "no engine" }),
      log: (event) => logged.push(event),
    });
    const started = task.start();
    await new Promise((r) => setTimeout(r, 20));
    task.stop();
    expect(await started).toBeUndefined();
    expect(asked).toBe(1);
    expect(logged).toEqual(["labs.engine_unavailable"]);
  });

  it("reconciles once the engine answers", async () => {
    const engine = { listContainers: async () => [], listVolumes: async () => [] } as unknown as Engine;
    const logged: string[] = [];
    const task = new StartupReconcile({
      repo: { listLive: async () => [] },
      provisioner: new LabProvisioner(() => engine),
      labs: {
        setStatus: async () => {
          throw new Error("nothing to mark");
        },
      } as unknown as Pick<LabEngine, "setStatus">,
      engineId: "up",
      engineStatus: async () => ({ ok: true, engine: "up", runtimes: ["runc"] }),
      log: (event) => logged.push(event),
    });
    expect(await task.start()).toEqual({ removedContainers: [], lost: [] });
    expect(logged).toEqual(["labs.reconciled"]);
  });
});

import { describe, expect, it } from "vitest";
import type { ContainerEvent, ContainerState, Engine } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import type { LabEvent } from "@/lib/labs/lab-engine";
import { deathReason } from "@/lib/labs/lab-liveness";
import { createLabServices } from "@/lib/labs/lab-services";
import { loadTemplates } from "@/lib/labs/templates";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";

// What a container event means for a lab, with an in-memory repo and an engine that only inspects and removes.
const { templates } = loadTemplates("labs/templates");
const shell = { name: "shell", role: "service" as const, interactive: true };

describe("deathReason", () => {
  it("says what died and why, in words", () => {
    expect(deathReason({ action: "die", exitCode: 137 }, shell, { oomKilled: true, memoryBytes: 64 * 2 ** 20 })).toBe("The lab's shell was killed: it ran out of memory (64 MiB).");
    expect(deathReason({ action: "die", exitCode: 137 }, shell, { oomKilled: false })).toBe("The lab's shell stopped (exit 137).");
    expect(deathReason({ action: "die", exitCode: 1 }, { name: "web", role: "service", interactive: false }, { oomKilled: false })).toBe(
      'The lab\'s service "web" stopped (exit 1).',
    );
    expect(deathReason({ action: "destroy" }, undefined, { oomKilled: false })).toBe("The lab's container was removed.");
  });
});

describe("LabLiveness", () => {
  async function world(oomKilled = false, engineUp = true) {
    const repo = inMemoryLabRepo();
    const removed: string[] = [];
    const engine = {
      id: "fake",
      ping: async () => engineUp,
      inspectContainer: async (id: string) => ({ id, running: false, exitCode: 137, oomKilled }) as ContainerState,
      listContainers: async () => [],
      removeVolume: async (name: string) => void removed.push(name),
    } as unknown as Engine;
    const services = createLabServices({ repo, engine: () => engine, templates: () => templates, defaultEngineId: "fake" });
    const events: LabEvent[] = [];
    services.labs.subscribe((e) => events.push(e));
    const containers = {
      volume: "v",
      containers: [
        { name: "pause", id: "c-pause", role: "pause" as const, interactive: false },
        { ...shell, id: "c-shell" },
      ],
    };
    const lab = await repo.create({
      id: "l1",
      templateName: "shell",
      status: "READY",
      engineId: "fake",
      ownerId: "u",
      participantIds: [],
      sessionId: null,
      expiresAt: new Date(Date.now() + 60_000),
      containers,
    });
    return { repo, removed, events, lab, liveness: services.liveness };
  }
  const died = (over: Partial<ContainerEvent> = {}): ContainerEvent => ({
    containerId: "c-shell",
    action: "die",
    exitCode: 137,
    labels: { [LABEL.lab]: "l1", [LABEL.role]: "service" },
    at: new Date(),
    ...over,
  });

  it("marks a ready lab whose shell died FAILED with the reason, and removes its remains", async () => {
    const { repo, removed, events, liveness } = await world();
    await liveness.onEvent("fake", died());
    expect(await repo.get("l1")).toMatchObject({ status: "FAILED", failureReason: "The lab's shell stopped (exit 137)." });
    expect(events.map((e) => [e.status, e.reason])).toEqual([["FAILED", "The lab's shell stopped (exit 137)."]]);
    expect(removed).toEqual(["mingle-lab-l1"]);
    await liveness.onEvent("fake", died({ containerId: "c-pause" })); // the teardown's own events change nothing
    expect(events).toHaveLength(1);
  });

  it("reads an oom event before the death as running out of memory; an oom alone changes nothing", async () => {
    const { repo, liveness } = await world();
    await liveness.onEvent("fake", died({ action: "oom", exitCode: undefined }));
    expect((await repo.get("l1"))!.status).toBe("READY");
    await liveness.onEvent("fake", died());
    expect((await repo.get("l1"))!.failureReason).toBe(`The lab's shell was killed: it ran out of memory (${templates.get("shell")!.limits.memory / 2 ** 20} MiB).`);
  });

  it("leaves labs alone that are not ready (starting, stopping) and ignores onboot steps ending", async () => {
    const { repo, events, liveness } = await world(true);
    await liveness.onEvent("fake", died({ labels: { [LABEL.lab]: "l1", [LABEL.role]: "onboot" } }));
    await repo.update("l1", { status: "STOPPING" });
    await liveness.onEvent("fake", died());
    await liveness.onEvent("fake", died({ labels: { [LABEL.lab]: "nope" } }));
    expect(events).toEqual([]);
    expect((await repo.get("l1"))!.status).toBe("STOPPING");
  });

  it("marks the lab LOST when its container died because the engine is going away (its API no longer answers)", async () => {
    const { repo, removed, liveness } = await world(false, false);
    await liveness.onEvent("fake", died());
    expect(await repo.get("l1")).toMatchObject({ status: "LOST", failureReason: "The lab machine restarted; the lab was lost." });
    expect(removed).toEqual([]); // nothing to remove it with: reconciliation does, once the engine is back
  });

  it("handles two deaths of one lab once", async () => {
    const { events, liveness } = await world();
    await Promise.all([liveness.onEvent("fake", died()), liveness.onEvent("fake", died({ containerId: "c-pause" }))]);
    expect(events.map((e) => e.status)).toEqual(["FAILED"]);
  });
});

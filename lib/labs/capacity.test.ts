import { describe, expect, it } from "vitest";
import type { Engine } from "@/lib/docker/engine";
import type { LaunchObservation } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { ADMISSION_BUSY_MESSAGE, LabCapacity, exceeds, footprint } from "@/lib/labs/capacity";
import { loadTemplates } from "@/lib/labs/templates";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { memoryLeaseStore } from "@/lib/testing/memory-lease-store";
import { leaseMutex, LeaseMutexTimeout } from "@/lib/app/lease-mutex";

// Admission control: the pure budget check, and the engine's launches held to it (a fake engine, in-memory repo).
const { templates } = loadTemplates("labs/templates");
const MiB = 2 ** 20;

describe("capacity budget", () => {
  it("counts every long-running service of a lab at the template's limits", () => {
    const shell = templates.get("shell")!;
    expect(footprint(shell)).toEqual({ memoryBytes: shell.limits.memory, cpus: shell.limits.cpus });
    const two = templates.get("two-services")!;
    expect(footprint(two).memoryBytes).toBe(two.limits.memory * two.services.length);
  });

  it("names the part of the budget a lab would exceed", () => {
    const budget = { maxLabs: 2, maxMemoryBytes: 128 * MiB, maxCpus: 1 };
    const lab = { memoryBytes: 64 * MiB, cpus: 0.5 };
    expect(exceeds(budget, [], lab)).toBeUndefined();
    expect(exceeds(budget, [lab], lab)).toBeUndefined();
    expect(exceeds(budget, [lab, lab], lab)).toBe("labs (2)");
    expect(exceeds({ ...budget, maxLabs: 9 }, [lab, lab], lab)).toBe("memory (128 MiB)");
    expect(exceeds({ ...budget, maxLabs: 9, maxMemoryBytes: 1e12 }, [lab, lab], lab)).toBe("CPUs (1)");
    expect(
      exceeds(
        { maxLabs: 9, maxMemoryBytes: 1e12, maxCpus: 0.3 },
        [
          { memoryBytes: 0, cpus: 0.1 },
          { memoryBytes: 0, cpus: 0.1 },
        ],
        { memoryBytes: 0, cpus: 0.1 },
      ),
    ).toBeUndefined();
  });

  it("runs exclusive work one at a time, in order, and a failure does not block the next", async () => {
    const capacity = new LabCapacity({
      listLive: async () => [],
      templates: () => templates,
      budget: () => ({ maxLabs: 1, maxMemoryBytes: 1, maxCpus: 1 }),
      maxRunning: 1,
      pooled: async () => [],
    });
    const order: string[] = [];
    const slow = capacity.exclusive(async () => {
      await new Promise((r) => setTimeout(r, 30));
      order.push("first");
      throw new Error("boom");
    });
    const fast = capacity.exclusive(async () => order.push("second"));
    await expect(slow).rejects.toThrow("boom");
    await fast;
    expect(order).toEqual(["first", "second"]);
  });
});

describe("launches held to the budget", () => {
  // An engine that creates nothing: launches are admitted (record CREATING) and then fail, which is
  // all admission needs. It fails on a later turn of the event loop, as a real one would, so a lab is
  // still CREATING however many steps the next launch's admission takes.
  const failLater = () => new Promise((_, reject) => setTimeout(() => reject(new Error("this engine creates nothing")), 5));
  const engine = new Proxy({ id: "fake" }, { get: (t, p) => (p in t ? t[p as "id"] : failLater) }) as unknown as Engine;

  function world(budget: { maxLabs: number; maxMemoryBytes: number; maxCpus: number }, maxRunning = 100) {
    const repo = inMemoryLabRepo();
    const services = createLabServices({ repo, engine: () => engine, templates: () => templates, capacity: { budget: () => budget, maxRunning }, defaultEngineId: "fake" });
    return { repo, ...services };
  }

  it("two concurrent launches cannot both take the last place on an engine", async () => {
    const { labs } = world({ maxLabs: 1, maxMemoryBytes: 2 ** 40, maxCpus: 100 });
    const [a, b] = await Promise.all([labs.startLaunch({ ownerId: "a", templateName: "shell" }), labs.startLaunch({ ownerId: "b", templateName: "shell" })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused.ok ? "" : refused.code).toBe("LABS_AT_CAPACITY");
    expect(refused.ok ? "" : refused.message).toBe("All lab machines are busy — try again in a minute.");
  });

  it("refuses past the memory budget and past the server-wide cap; a failed lab frees its place", async () => {
    const shell = templates.get("shell")!;
    const { labs, repo } = world({ maxLabs: 10, maxMemoryBytes: shell.limits.memory, maxCpus: 100 });
    const first = await labs.startLaunch({ ownerId: "a", templateName: "shell" });
    expect(first.ok).toBe(true);
    expect((await labs.startLaunch({ ownerId: "b", templateName: "shell" })).ok).toBe(false);
    if (first.ok) await first.value.done; // the fake engine fails it: FAILED is not live
    expect((await repo.get(first.ok ? first.value.lab.id : ""))?.status).toBe("FAILED");
    expect((await labs.startLaunch({ ownerId: "b", templateName: "shell" })).ok).toBe(true);

    const capped = world({ maxLabs: 10, maxMemoryBytes: 2 ** 40, maxCpus: 100 }, 1);
    expect((await capped.labs.startLaunch({ ownerId: "a", templateName: "shell", engineId: "one" })).ok).toBe(true);
    const other = await capped.labs.startLaunch({ ownerId: "b", templateName: "shell", engineId: "two" });
    expect(other.ok ? "" : other.code).toBe("LABS_AT_CAPACITY");
  });
});

describe("admission across processes", () => {
  // An engine whose every call hangs: an admitted lab stays CREATING, holding its place.
  const hanging = new Proxy({ id: "hang" }, { get: (t, p) => (p in t ? t[p as "id"] : () => new Promise(() => {})) }) as unknown as Engine;

  /** Two processes: a lab engine each, one database (the repo) and, when `locked`, one lease store. */
  function twoProcesses(locked: boolean) {
    const repo = inMemoryLabRepo();
    const store = memoryLeaseStore(Date.now);
    const one = () =>
      createLabServices({
        repo,
        engine: () => hanging,
        templates: () => templates,
        capacity: {
          budget: () => ({ maxLabs: 1, maxMemoryBytes: 2 ** 40, maxCpus: 100 }),
          maxRunning: 100,
          lock: locked ? leaseMutex({ store, key: "admission", ttlMs: 5_000 }) : undefined,
        },
        defaultEngineId: "hang",
      }).labs;
    return [one(), one()] as const;
  }

  it("two processes launching at once cannot both take an engine's last place", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = twoProcesses(true);
      const results = await Promise.all([a.startLaunch({ ownerId: "a", templateName: "shell" }), b.startLaunch({ ownerId: "b", templateName: "shell" })]);
      expect(results.map((r) => (r.ok ? "admitted" : r.code)).sort()).toEqual(["LABS_AT_CAPACITY", "admitted"]);
    }
  });

  it("a launch that waited out the lock is told to try again, with nothing recorded", async () => {
    const repo = inMemoryLabRepo();
    const { labs } = createLabServices({
      repo,
      engine: () => hanging,
      templates: () => templates,
      capacity: {
        budget: () => ({ maxLabs: 9, maxMemoryBytes: 2 ** 40, maxCpus: 100 }),
        maxRunning: 100,
        lock: () => Promise.reject(new LeaseMutexTimeout("admission", 10_000)),
      },
      defaultEngineId: "hang",
    });
    const r = await labs.startLaunch({ ownerId: "a", templateName: "shell" });
    expect(r.ok ? "" : [r.code, r.message]).toEqual(["LABS_AT_CAPACITY", ADMISSION_BUSY_MESSAGE]);
    expect(await repo.listLive()).toEqual([]);
  });

  it("without the shared lock they can (what the lock is for)", async () => {
    const [a, b] = twoProcesses(false);
    const results = await Promise.all([a.startLaunch({ ownerId: "a", templateName: "shell" }), b.startLaunch({ ownerId: "b", templateName: "shell" })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });
});

describe("launch observations (the metrics' source)", () => {
  function observed(budget: { maxLabs: number; maxMemoryBytes: number; maxCpus: number }) {
    const seen: LaunchObservation[] = [];
    const { labs } = createLabServices({
      repo: inMemoryLabRepo(),
      engine: () => ({ id: "fake" }) as unknown as Engine,
      templates: () => templates,
      capacity: { budget: () => budget, maxRunning: 100 },
      defaultEngineId: "fake",
      observeLaunch: (launch) => seen.push(launch),
    });
    return { labs, seen };
  }

  it("tell how an admitted launch ended, on which engine, and how long it took", async () => {
    const { labs, seen } = observed({ maxLabs: 1, maxMemoryBytes: 2 ** 40, maxCpus: 100 });
    expect((await labs.launch({ ownerId: "a", templateName: "shell" })).ok).toBe(false); // the fake engine creates nothing
    expect(seen).toEqual([expect.objectContaining({ outcome: "failed", engineId: "fake", warm: false, seconds: expect.any(Number) })]);
    expect(seen[0]!.template.name).toBe("shell");
  });

  it("tell a refusal by its code, with no engine", async () => {
    const { labs, seen } = observed({ maxLabs: 1, maxMemoryBytes: 1, maxCpus: 100 });
    expect((await labs.startLaunch({ ownerId: "a", templateName: "shell" })).ok).toBe(false);
    expect(seen).toEqual([expect.objectContaining({ outcome: "refused", code: "LABS_AT_CAPACITY" })]);
  });
});

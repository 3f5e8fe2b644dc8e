import { describe, expect, it } from "vitest";
import type { ContainerState, Engine } from "@/lib/docker/engine";
import type { LabRef } from "@/lib/labs/container-spec";
import type { LabProvisioner, Provisioned } from "@/lib/labs/lab-provisioner";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { loadTemplates } from "@/lib/labs/templates";
import { WarmPool } from "@/lib/labs/warm-pool";
import { inMemoryWarmStore, type WarmStore } from "@/lib/labs/warm-store";

// The warm pool shared between processes: two WarmPools on one store, as two server processes on one Redis.
const { templates } = loadTemplates("labs/templates");

/** A provisioner whose labs are one container each; `alive` decides what inspect says. */
function fakeProvisioner() {
  const made: string[] = [];
  const tornDown: string[] = [];
  const dead = new Set<string>();
  const engine = {
    inspectContainer: async (id: string) => (dead.has(id) ? null : ({ id, running: true } as ContainerState)),
  } as unknown as Engine;
  const provisioner = {
    engine: () => engine,
    async provision(ref: LabRef, template: LabTemplate): Promise<Provisioned> {
      made.push(ref.labId);
      return { ref, template, booted: false, containers: { volume: `v-${ref.labId}`, containers: [{ name: "shell", id: `c-${ref.labId}`, role: "service", interactive: true }] } };
    },
    async boot(p: Provisioned) {
      p.booted = true;
    },
    async teardown(_engineId: string, labId: string) {
      tornDown.push(labId);
    },
  } as unknown as LabProvisioner;
  return { provisioner, made, tornDown, kill: (labId: string) => dead.add(`c-${labId}`) };
}

function serverProcess(store: WarmStore, p: ReturnType<typeof fakeProvisioner>, opts: { leading: () => boolean; size?: number }) {
  const refillRequests: number[] = [];
  const pool = new WarmPool({
    provisioner: p.provisioner,
    templates: () => templates,
    config: { mode: "started", sizes: { shell: opts.size ?? 2 } },
    store,
    leading: opts.leading,
    requestRefill: () => refillRequests.push(Date.now()),
  });
  return { pool, refillRequests };
}

describe("warm pool shared across processes", () => {
  it("a launch on a process that does not make warm labs claims one the maker published, and asks the maker to refill", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    const maker = serverProcess(store, fake, { leading: () => true });
    const other = serverProcess(store, fake, { leading: () => false });
    expect(await maker.pool.refill()).toBe(2);
    expect(await other.pool.sizes()).toEqual({ "local/shell": 2 });

    const claimed = await other.pool.claim("shell", "local");
    expect(claimed?.ref.labId).toBe(fake.made[0]);
    expect(claimed?.template).toBe(templates.get("shell")); // rebuilt from the catalogue, by name
    expect(claimed?.booted).toBe(true);
    await other.pool.refillInBackground();
    expect(other.refillRequests).toHaveLength(1);
    expect(fake.made).toHaveLength(2); // the non-maker made nothing itself

    await maker.pool.refillInBackground();
    expect(fake.made).toHaveLength(3);
    expect(await maker.pool.sizes()).toEqual({ "local/shell": 2 });
  });

  it("gives each warm lab to exactly one claimer, and a dead one to nobody", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    const maker = serverProcess(store, fake, { leading: () => true });
    const other = serverProcess(store, fake, { leading: () => false });
    await maker.pool.refill();
    fake.kill(fake.made[0]!);
    const claims = await Promise.all([maker.pool.claim("shell", "local"), other.pool.claim("shell", "local"), other.pool.claim("shell", "local")]);
    const got = claims.filter((c) => c !== undefined).map((c) => c.ref.labId);
    expect(got).toEqual([fake.made[1]]);
    expect(fake.tornDown).toEqual([fake.made[0]]);
  });

  it("counts the published labs on every process (what they take of the engine's budget)", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    const maker = serverProcess(store, fake, { leading: () => true });
    const other = serverProcess(store, fake, { leading: () => false });
    await maker.pool.refill();
    expect(await other.pool.pooled("local")).toEqual(["shell", "shell"]);
    expect(await other.pool.labIds()).toEqual(new Set(fake.made));
    await other.pool.claim("shell", "local");
    expect(await maker.pool.pooled("local")).toEqual(["shell"]);
  });

  it("a new maker adopts the living published labs, drops the dead ones and fills up to the size: never twice the pool", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    let first = true;
    const crashed = serverProcess(store, fake, { leading: () => first, size: 3 });
    const next = serverProcess(store, fake, { leading: () => !first, size: 3 });
    await crashed.pool.refill();
    const [a, b, c] = fake.made;
    first = false; // the first maker died without stopping
    fake.kill(b!);
    await next.pool.start();
    const ids = await next.pool.labIds();
    expect(ids.size).toBe(3);
    expect(ids.has(a!) && ids.has(c!) && !ids.has(b!)).toBe(true);
    expect(fake.made).toHaveLength(4);
    expect(fake.tornDown).toEqual([b]);
    await next.pool.stop();
  });

  it("stop() empties the pool only on the process that made it", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    const maker = serverProcess(store, fake, { leading: () => true });
    const other = serverProcess(store, fake, { leading: () => false });
    await maker.pool.start();
    await other.pool.stop();
    expect(await store.list()).toHaveLength(2);
    await maker.pool.stop();
    expect(await store.list()).toEqual([]);
    expect(fake.tornDown.sort()).toEqual([...fake.made].sort());
  });

  it("a host drained on any process gives its published labs up, once", async () => {
    const store = inMemoryWarmStore();
    const fake = fakeProvisioner();
    const maker = serverProcess(store, fake, { leading: () => true });
    const other = serverProcess(store, fake, { leading: () => false });
    await maker.pool.refill();
    const [n1, n2] = await Promise.all([other.pool.drainEngine("local"), maker.pool.drainEngine("local")]);
    expect(n1 + n2).toBe(2);
    expect(await store.list()).toEqual([]);
    expect(fake.tornDown).toHaveLength(2);
  });
});

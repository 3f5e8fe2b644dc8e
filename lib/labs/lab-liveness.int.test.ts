import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { LABEL } from "@/lib/labs/container-spec";
import { EngineEventWatcher } from "@/lib/labs/engine-events";
import type { LabEvent } from "@/lib/labs/lab-engine";
import type { LabServices } from "@/lib/labs/lab-services";
import { liveLabs } from "@/lib/testing/live-labs";

// Lab liveness on the real Docker Engine (in-memory LabRepo): the engine's events turn a lab whose
// container is killed from outside FAILED within 2 s, dead warm labs are replaced, not handed out,
// and a lab's shell outlives the server process that served it.
const { engine, service, launch, run } = liveLabs();
const watchers: EngineEventWatcher[] = [];
afterAll(async () => {
  for (const w of watchers.splice(0)) await w.stop();
});

/** The engine as `docker` sees it, to kill containers from outside the app. */
function docker(): Docker {
  const host = /^DOCKER_HOST=unix:\/\/(\S+)$/m.exec(execFileSync("bash", ["scripts/docker-engine.sh"], { encoding: "utf8" }))![1]!;
  return new Docker({ socketPath: host });
}

async function watched(services: LabServices): Promise<void> {
  const w = new EngineEventWatcher({
    engine: () => engine(),
    engineId: "local",
    onEvent: (e) => services.liveness.onEvent("local", e),
    onReconnected: async () => {},
    log: () => {},
  });
  watchers.push(w);
  w.start();
  const end = Date.now() + 5_000;
  while (!w.connected && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(w.connected).toBe(true);
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("lab liveness on a real engine", () => {
  it("a lab whose shell container is killed from outside turns FAILED within 2 s with its reason; the owner can launch again", async () => {
    const services = service({ maxLabsPerUser: 1 });
    await watched(services);
    const events: LabEvent[] = [];
    services.labs.subscribe((e) => events.push(e));
    const lab = await launch(services.svc, "shell");
    const shell = lab.containers!.containers.find((c) => c.interactive)!;
    const t0 = Date.now();
    await docker().getContainer(shell.id).kill();
    const failed = await until("FAILED", async () => events.find((e) => e.labId === lab.id && e.status === "FAILED"), 2_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(failed.reason).toBe("The lab's shell stopped (exit 137).");
    expect((await services.store.get(lab.id))!.failureReason).toBe("The lab's shell stopped (exit 137).");
    // Its remains are removed, and the owner's one lab slot is free again.
    await until("the teardown", async () => ((await engine().listContainers({ [LABEL.lab]: lab.id })).length === 0 ? true : undefined), 10_000);
    const again = await launch(services.svc, "shell");
    expect((await run(services.svc, again.id, "echo alive")).stdout).toBe("alive\n");
    const shellFails = await services.svc.attachShell(lab.id, { cols: 80, rows: 24 });
    expect(shellFails.ok ? "" : shellFails.code).toBe("LAB_NOT_READY");
  });

  it("a warm lab killed in the pool is discarded and replaced; a dead warm lab is never handed out", async () => {
    const services = service({ warmPool: { mode: "started", sizes: { shell: 1 } } });
    await watched(services);
    expect(await services.warmPool.refill()).toBe(1);
    const [first] = [...(await services.warmPool.labIds())];
    const pause = (await engine().listContainers({ [LABEL.lab]: first! })).find((c) => c.labels[LABEL.role] === "pause")!;
    await docker().getContainer(pause.id).kill();
    const replaced = await until(
      "a new warm lab",
      async () => {
        const ids = await services.warmPool.labIds();
        return ids.size === 1 && !ids.has(first!) ? [...ids][0] : undefined;
      },
      20_000,
    );
    await until("the dead warm lab removed", async () => ((await engine().listContainers({ [LABEL.lab]: first! })).length === 0 ? true : undefined), 10_000);

    // Without events (a kill the watcher missed, e.g. during an outage) the claim's own check catches it.
    const unwatched = service({ warmPool: { mode: "started", sizes: { shell: 1 } } });
    expect(await unwatched.warmPool.refill()).toBe(1);
    const [dead] = [...(await unwatched.warmPool.labIds())];
    const shell = (await engine().listContainers({ [LABEL.lab]: dead! })).find((c) => c.labels[LABEL.role] === "service")!;
    await docker().getContainer(shell.id).kill();
    const lab = await launch(unwatched.svc, "shell");
    expect(lab.id).not.toBe(dead);
    expect((await run(unwatched.svc, lab.id, "echo fresh")).stdout).toBe("fresh\n");
    await unwatched.warmPool.drain();
    await services.warmPool.drain();
    expect(replaced).not.toBe(first);
  });

  it("a lab's shell outlives the server process that served it: the next one attaches to the same shell", async () => {
    const before = service();
    const lab = await launch(before.svc, "shell");
    const old = await before.svc.attachShell(lab.id, { cols: 80, rows: 24 }, { history: true });
    if (!old.ok) throw new Error(old.message);
    let seen = "";
    old.value.stream.on("data", (c: Buffer) => (seen += c.toString()));
    await until("the prompt", async () => (seen.includes("$ ") ? true : undefined), 5_000);
    old.value.stream.write("cd /tmp; X=41\n");
    await until("the command ran", async () => (seen.includes("/tmp") ? true : undefined), 5_000);
    old.value.stream.destroy(); // the process "crashed": its connection is gone, the shell is not

    const after = service({ repo: before.store });
    const current = await after.svc.attachShell(lab.id, { cols: 80, rows: 24 });
    if (!current.ok) throw new Error(current.message);
    let out = "";
    current.value.stream.on("data", (c: Buffer) => (out += c.toString()));
    current.value.stream.write("echo $((X+1)) $PWD\n");
    await until("the same shell", async () => (out.includes("42 /tmp") ? true : undefined), 5_000);
    // One shell, not one per process that attached.
    expect((await run(after.svc, lab.id, "ps -o args | grep -c '^sh -l'")).stdout.trim()).toBe("1");
    current.value.stream.destroy();
  });
});

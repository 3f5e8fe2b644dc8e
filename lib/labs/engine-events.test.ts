import { describe, expect, it } from "vitest";
import type { ContainerEvent, Engine } from "@/lib/docker/engine";
import { parseContainerEvent } from "@/lib/docker/engine-wire";
import { EngineEventWatcher } from "@/lib/labs/engine-events";

// The event watcher against a fake engine whose stream can be ended and refused at will.
function fakeEngine() {
  const subscriptions: { filter: { labels: Record<string, string>; actions: string[] }; event: (e: ContainerEvent) => void; ended: (e?: Error) => void; closed: boolean }[] = [];
  let refuse = 0;
  const engine = {
    id: "fake",
    async containerEvents(filter: { labels: Record<string, string>; actions: string[] }, on: { event: (e: ContainerEvent) => void; ended: (e?: Error) => void }) {
      if (refuse > 0) {
        refuse--;
        throw new Error("connect ECONNREFUSED");
      }
      const sub = { filter, ...on, closed: false };
      subscriptions.push(sub);
      return {
        close: () => {
          sub.closed = true;
        },
      };
    },
  } as unknown as Engine;
  const refuseNext = (n: number) => {
    refuse = n;
  };
  return { engine, subscriptions, refuseNext };
}

async function until(what: string, fn: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("EngineEventWatcher", () => {
  it("follows our labs' die/oom/destroy events, reconnects with backoff when the stream ends, and reconciles once back", async () => {
    const { engine, subscriptions, refuseNext } = fakeEngine();
    const seen: string[] = [];
    let reconciled = 0;
    const logged: string[] = [];
    const watcher = new EngineEventWatcher({
      engine: () => engine,
      engineId: "e1",
      onEvent: async (e) => {
        seen.push(e.action);
        if (e.action === "destroy") throw new Error("a handler that fails is logged, not thrown");
      },
      onReconnected: async () => void reconciled++,
      log: (event) => logged.push(event),
      backoff: { minMs: 5, maxMs: 20 },
    });
    watcher.start();
    await until("a subscription", () => subscriptions.length === 1);
    expect(subscriptions[0]!.filter).toEqual({ labels: { "mingle.managed": "true", "mingle.engine": "e1" }, actions: ["die", "oom", "destroy"] });
    expect(reconciled).toBe(0); // start-up reconciliation is someone else's
    subscriptions[0]!.event({ containerId: "c", action: "die", labels: {}, at: new Date() });
    subscriptions[0]!.event({ containerId: "c", action: "destroy", labels: {}, at: new Date() });
    await until("the events", () => seen.length === 2);

    refuseNext(3); // the engine is down for a while
    subscriptions[0]!.ended(new Error("socket hang up"));
    await until("a new subscription", () => subscriptions.length === 2);
    await until("reconciliation", () => reconciled === 1);
    expect(watcher.connected).toBe(true);
    expect(logged).toEqual(["labs.events_connected", "labs.events_failed", "labs.events_lost", "labs.events_failed", "labs.events_connected"]);
    expect(logged.filter((e) => e === "labs.events_connected")).toHaveLength(2);

    await watcher.stop();
    expect(subscriptions[1]!.closed).toBe(true);
    expect(watcher.connected).toBe(false);
    expect(subscriptions).toHaveLength(2);
  });
});

describe("parseContainerEvent", () => {
  it("reads a die event's container, labels and exit code; ignores what is not a container event", () => {
    const line = JSON.stringify({
      Type: "container",
      Action: "die",
      Actor: { ID: "abc", Attributes: { exitCode: "137", "mingle.lab": "l1", name: "x" } },
      time: 1,
      timeNano: 1_500_000_000,
    });
    expect(parseContainerEvent(line)).toEqual({ containerId: "abc", action: "die", exitCode: 137, labels: { "mingle.lab": "l1", name: "x" }, at: new Date(1500) });
    expect(parseContainerEvent(JSON.stringify({ Type: "network", Action: "connect", Actor: { ID: "n" } }))).toBeNull();
    expect(parseContainerEvent("not json")).toBeNull();
    expect(parseContainerEvent("")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { drain } from "./drain";

function fakes(opts: { connectionsEnd: boolean }) {
  const steps: string[] = [];
  let endConnections: () => void = () => undefined;
  const deps = {
    noticeMs: 3000,
    finishMs: 5000,
    startDraining: () => steps.push("draining"),
    stopAccepting: () => {
      steps.push("stop accepting");
      return new Promise<void>((r) => (endConnections = r));
    },
    closeSockets: async () => {
      steps.push("close sockets");
      if (opts.connectionsEnd) endConnections();
    },
    closeRemaining: () => steps.push("close remaining"),
    sleep: async (ms: number) => {
      steps.push(`sleep ${ms}`);
      // The finish bound only runs out when the connections do not end first.
      if (ms === 5000 && opts.connectionsEnd) await new Promise(() => undefined);
    },
    log: () => undefined,
  };
  return { deps, steps };
}

describe("drain", () => {
  it("reports draining, waits for the balancer to notice, then stops accepting and closes the sockets", async () => {
    const { deps, steps } = fakes({ connectionsEnd: true });
    expect(await drain(deps)).toEqual({ finished: true });
    expect(steps).toEqual(["draining", "sleep 3000", "stop accepting", "close sockets", "sleep 5000"]);
  });

  it("closes what is still open once the requests in flight had their time", async () => {
    const { deps, steps } = fakes({ connectionsEnd: false });
    expect(await drain(deps)).toEqual({ finished: false });
    expect(steps.at(-1)).toBe("close remaining");
  });

  it("does not wait for a balancer when there is none (notice 0)", async () => {
    const { deps, steps } = fakes({ connectionsEnd: true });
    await drain({ ...deps, noticeMs: 0 });
    expect(steps.slice(0, 2)).toEqual(["draining", "stop accepting"]);
  });
});

import { describe, expect, it } from "vitest";
import { afterProbe, type HealthState, type Probe } from "./health-rules";

const fails: Probe = { ok: false, error: "connection refused" };
const answers: Probe = { ok: true };
const opts = { failuresToDown: 3, canGoDown: true };

function run(start: HealthState, probes: Probe[], o = opts) {
  let state = start;
  const transitions: (string | null)[] = [];
  for (const p of probes) {
    const step = afterProbe(state, p, o);
    state = step.next;
    transitions.push(step.transition);
  }
  return { state, transitions };
}

describe("host health", () => {
  it("goes down after N failures in a row, once", () => {
    const r = run({ state: "ACTIVE", consecutiveFailures: 0 }, [fails, fails, fails, fails]);
    expect(r.transitions).toEqual([null, null, "down", null]);
    expect(r.state).toEqual({ state: "DOWN", consecutiveFailures: 4 });
  });

  it("an answer in between resets the count", () => {
    const r = run({ state: "ACTIVE", consecutiveFailures: 0 }, [fails, fails, answers, fails, fails]);
    expect(r.transitions).toEqual([null, null, null, null, null]);
    expect(r.state).toEqual({ state: "ACTIVE", consecutiveFailures: 2 });
  });

  it("comes back up on the first answer, as ACTIVE", () => {
    const r = run({ state: "DOWN", consecutiveFailures: 7 }, [fails, answers, answers]);
    expect(r.transitions).toEqual([null, "up", null]);
    expect(r.state).toEqual({ state: "ACTIVE", consecutiveFailures: 0 });
  });

  it("a draining host goes down too, and a healthy one stays draining", () => {
    expect(run({ state: "DRAINING", consecutiveFailures: 0 }, [fails, fails, fails]).state.state).toBe("DOWN");
    expect(run({ state: "DRAINING", consecutiveFailures: 2 }, [answers]).state).toEqual({ state: "DRAINING", consecutiveFailures: 0 });
  });

  it("a host that may not go down (the local engine alone) only counts", () => {
    const r = run({ state: "ACTIVE", consecutiveFailures: 0 }, [fails, fails, fails, fails], { failuresToDown: 3, canGoDown: false });
    expect(r.transitions).toEqual([null, null, null, null]);
    expect(r.state).toEqual({ state: "ACTIVE", consecutiveFailures: 4 });
  });
});

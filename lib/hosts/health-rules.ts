import type { HostState } from "./placement";

/**
 * A host's health as a state machine, pure (host-health.ts runs it on every probe):
 *
 *   ACTIVE / DRAINING ──(N probes fail in a row)──▶ DOWN ──(a probe answers)──▶ ACTIVE
 *
 * A failure below N only counts; an answer resets the count. DOWN → ACTIVE is reported as "up":
 * the task reconciles the host before it takes labs again. A host that may not go down (the
 * implicit local engine when no hosts are configured: the quick start behaves as before) only counts.
 */
export interface HealthState {
  state: HostState;
  consecutiveFailures: number;
}

export type Probe = { ok: true } | { ok: false; error: string };

export interface HealthStep {
  next: HealthState;
  transition: "down" | "up" | null;
}

export function afterProbe(current: HealthState, probe: Probe, opts: { failuresToDown: number; canGoDown: boolean }): HealthStep {
  if (probe.ok) {
    return current.state === "DOWN" ? { next: { state: "ACTIVE", consecutiveFailures: 0 }, transition: "up" } : { next: { ...current, consecutiveFailures: 0 }, transition: null };
  }
  const failures = current.consecutiveFailures + 1;
  if (current.state !== "DOWN" && opts.canGoDown && failures >= opts.failuresToDown) return { next: { state: "DOWN", consecutiveFailures: failures }, transition: "down" };
  return { next: { ...current, consecutiveFailures: failures }, transition: null };
}

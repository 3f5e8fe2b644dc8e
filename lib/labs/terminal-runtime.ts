import { labRuntime } from "@/lib/labs/deps";
import { redisLeaseBackend, redisScrollbackStore } from "@/lib/labs/redis-terminal-store";
import { TerminalHubs } from "@/lib/labs/terminal-hubs";
import { DEFAULT_LEASE_TTL_MS, TerminalLease } from "@/lib/labs/terminal-lease";
import { DEFAULT_HUB_OPTIONS, type TerminalHubDeps } from "@/lib/labs/terminal-options";
import { registerTerminalSocket } from "@/lib/labs/terminal-socket";
import { logger } from "@/lib/log";
import { redis, redisKey } from "@/lib/redis";
import { remember } from "@/lib/singleton";

/** A lab's shared scroll-back outlives a lab whose end no process saw by this much, at most. */
const SCROLLBACK_TTL_MS = 24 * 60 * 60 * 1000;

/** The process's terminal hubs (remembered, like the lab runtime) wired to the LabEngine, Redis and socket.io. */
const terminals = () => remember("labs.terminals", () => ({ current: undefined as { hubs: TerminalHubs; unwatch: () => void } | undefined }));

/** `tap`: what sees every lab's terminal (the recorders, wired in lib/app/slices.ts); `meter`: the metrics' byte counts. */
export function startTerminals(opts: { tap?: TerminalHubDeps["tap"]; meter?: TerminalHubDeps["meter"] } = {}): TerminalHubs {
  const t = terminals();
  if (t.current) return t.current.hubs;
  const rt = labRuntime();
  const log = (event: string, fields?: Record<string, unknown>) => logger.info(event, fields);
  const leases = redisLeaseBackend(redis());
  const hubs = new TerminalHubs({
    openShell: (labId, size, o) => rt.labs.attachShell(labId, size, o),
    // Scroll-back and the writer's lease in Redis: the terminal is the same on every server process (docs/decisions/0020).
    scrollback: redisScrollbackStore(redis(), { key: (labId) => redisKey("terminal", labId, "scrollback"), maxBytes: DEFAULT_HUB_OPTIONS.replayBytes, ttlMs: SCROLLBACK_TTL_MS }),
    lease: (labId, onChange) => new TerminalLease(leases, redisKey("terminal", labId, "writer"), { ttlMs: DEFAULT_LEASE_TTL_MS, log }, onChange),
    log,
    ...(opts.tap ? { tap: opts.tap } : {}),
    ...(opts.meter ? { meter: opts.meter } : {}),
  });
  const unwatch = hubs.watch((listener) => rt.labs.subscribe(listener));
  registerTerminalSocket({ hubs, findLab: (labId) => rt.repo.get(labId), log });
  t.current = { hubs, unwatch };
  return hubs;
}

export function stopTerminals(): void {
  const t = terminals().current;
  if (!t) return;
  t.unwatch();
  t.hubs.handOver();
  // Socket handlers stay registered (onSocketConnection has no removal); io is closed at shutdown anyway.
}

/**
 * A process leaving the load balancer without losing a request (docs/decisions/0021), in order:
 * 1. report draining: /api/health answers 503, so HAProxy takes it out of rotation;
 * 2. keep serving for `noticeMs`, while HAProxy notices (one process alone: 0);
 * 3. stop accepting connections (HAProxy retries a refused connection on another process);
 * 4. close the sockets (socket.io clients reconnect through HAProxy to another process);
 * 5. let the requests in flight finish, for at most `finishMs`, then close what is left.
 * The slices' own shutdown comes after (server.ts).
 */
export interface DrainDeps {
  noticeMs: number;
  finishMs: number;
  startDraining: () => void;
  /** Closes the listener; resolves once the last connection has ended. */
  stopAccepting: () => Promise<void>;
  closeSockets: () => Promise<void>;
  /** Ends the connections still open after `finishMs`. */
  closeRemaining: () => void;
  sleep?: (ms: number) => Promise<void>;
  log: (event: string, fields: Record<string, unknown>) => void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Resolves with whether every request in flight finished within `finishMs`. */
export async function drain(deps: DrainDeps): Promise<{ finished: boolean }> {
  const sleep = deps.sleep ?? realSleep;
  deps.startDraining();
  deps.log("server.draining", { noticeMs: deps.noticeMs });
  if (deps.noticeMs > 0) await sleep(deps.noticeMs);
  const closed = deps.stopAccepting();
  await deps.closeSockets();
  const finished = await Promise.race([closed.then(() => true), sleep(deps.finishMs).then(() => false)]);
  if (!finished) {
    deps.log("server.drain_timeout", { finishMs: deps.finishMs });
    deps.closeRemaining();
  }
  return { finished };
}

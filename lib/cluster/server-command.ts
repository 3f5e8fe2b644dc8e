/**
 * How one Mingle server process is started, the same for the quick start, the cluster's processes
 * and the test servers (scripts/start.sh passes the same flag through NODE_OPTIONS).
 *
 * `--max-semi-space-size=64`: a page render allocates a few MiB of short-lived objects, and with
 * Node 20's default young generation (16 MiB semi-spaces) 20 renders at once fill it several times
 * per render, each scavenge copying the survivors of every render in flight. At 64 MiB the Offers
 * page cost 12.3-12.9 ms of server CPU a render instead of 14.7-17.2 ms (bench/RESULTS.md, Scale);
 * it costs at most 3 × 64 MiB more memory a process.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;

/** The command that runs server.ts with this Node; `nodeFlags` go before the shared ones (a profiler's, say). */
export function serverCommand(nodeFlags: readonly string[] = []): string[] {
  return [process.execPath, ...nodeFlags, ...SERVER_NODE_FLAGS, "--import", "tsx", "server.ts"];
}

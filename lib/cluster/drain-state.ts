import { remember } from "@/lib/singleton";

/**
 * Whether this process is draining (lib/cluster/drain.ts): set by the custom server on SIGTERM and
 * read by the health route in Next's bundle, so both module graphs share it through `remember`.
 */
const state = () => remember("cluster-drain", () => ({ draining: false }));

export function isDraining(): boolean {
  return state().draining;
}

export function startDraining(): void {
  state().draining = true;
}

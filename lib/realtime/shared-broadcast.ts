import { remember } from "@/lib/singleton";
import { onBus, publish } from "./bus";
import { coalesce } from "./coalesce";
import { type MingleServer, realtime } from "./server";

/** This process's sockets only: every process emits to its own, so nobody hears a broadcast N times. */
export type LocalSockets = MingleServer["local"];

/**
 * A "refetch" broadcast heard by pages on every process, coalesced in one place: where the
 * sockets are. Each change is published (one small Redis message); each process, on hearing it,
 * runs `onChange` at once (a shared view goes stale, so the refetch sees the change) and emits to
 * its own sockets at most once per `windowMs`. Coalescing before publishing instead would let N
 * processes each send one per window (N refetches per page), and delay the other processes'
 * `onChange` by up to a window.
 *
 * Created once per process (remembered by topic) and subscribed then: call it at start, so a
 * process hears changes made elsewhere before it makes one itself.
 */
export function sharedBroadcast(topic: string, opts: { windowMs: number; onChange?: () => void; emit: (sockets: LocalSockets) => void }): () => void {
  return remember(`realtime.broadcast:${topic}`, () => {
    const emitLocal = coalesce(() => {
      const io = realtime();
      if (io) opts.emit(io.local);
    }, opts.windowMs);
    onBus(topic, () => {
      opts.onChange?.();
      emitLocal();
    });
    return () => publish(topic);
  });
}

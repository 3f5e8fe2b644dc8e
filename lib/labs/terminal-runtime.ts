import { logger } from "@/lib/log";
import { labRuntime } from "@/lib/labs/runtime";
import { TerminalHubs } from "@/lib/labs/terminal-hub";
import { registerTerminalSocket } from "@/lib/labs/terminal-socket";

/** The process's terminal hubs (on globalThis, like the lab runtime) wired to the LabService and socket.io. */
const globalForTerminals = globalThis as unknown as { mingleTerminals?: { hubs: TerminalHubs; unwatch: () => void } };

export function startTerminals(): TerminalHubs {
  if (globalForTerminals.mingleTerminals) return globalForTerminals.mingleTerminals.hubs;
  const rt = labRuntime();
  const log = (event: string, fields?: Record<string, unknown>) => logger.info(event, fields);
  const hubs = new TerminalHubs({ openShell: (labId, size) => rt.service.execShell(labId, size), log });
  const unwatch = hubs.watch((listener) => rt.service.subscribe(listener));
  registerTerminalSocket({ hubs, findLab: (labId) => rt.store.get(labId), log });
  globalForTerminals.mingleTerminals = { hubs, unwatch };
  return hubs;
}

export function stopTerminals(): void {
  const t = globalForTerminals.mingleTerminals;
  if (!t) return;
  t.unwatch();
  t.hubs.destroyAll();
  // Socket handlers stay registered (onSocketConnection has no removal); io is closed at shutdown anyway.
}

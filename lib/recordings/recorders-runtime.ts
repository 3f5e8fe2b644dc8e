import { labRoom, labRuntime } from "@/lib/labs/deps";
import { logger } from "@/lib/log";
import { realtime } from "@/lib/realtime/server";
import { remember } from "@/lib/singleton";
import { recordingDeps } from "./deps";
import { startRecording } from "./start-recording";
import { TerminalRecorders } from "./terminal-recorders";

/** The process's recorders (remembered), ending with their labs; their state goes to the lab's room for the badge. */
const holder = () => remember("recordings.recorders", () => ({ current: undefined as { recorders: TerminalRecorders; unwatch: () => void } | undefined }));

export function startRecorders(): TerminalRecorders {
  const h = holder();
  if (h.current) return h.current.recorders;
  const deps = recordingDeps();
  const recorders = new TerminalRecorders({
    start: (labId) => startRecording(deps, labId),
    append: (id, seq, data, patch) => deps.repo.append(id, seq, data, patch),
    end: (id, at) => deps.repo.end(id, at),
    log: (event, fields) => logger.warn(event, fields),
    onState: (labId, state) => {
      if (state === "off") return;
      logger.info("recordings.state", { labId, state });
      realtime()?.to(labRoom(labId)).emit("lab:recording", { labId, state });
    },
  });
  const unwatch = recorders.watch((listener) => labRuntime().labs.subscribe(listener));
  h.current = { recorders, unwatch };
  return recorders;
}

/** Server stop: what every recorder holds is written, and its recording marked ended. */
export async function stopRecorders(): Promise<void> {
  const current = holder().current;
  holder().current = undefined;
  if (!current) return;
  current.unwatch();
  await current.recorders.endAll();
}

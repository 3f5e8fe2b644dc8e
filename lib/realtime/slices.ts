import { startLabs, stopLabs } from "@/lib/labs/runtime";
import { registerLabSocket } from "@/lib/labs/socket";
import type { MingleServer } from "./server";

/**
 * Background parts of slices that live beside the socket server (lab reaper, warm pool,
 * reconciliation, terminal hubs). Each slice adds its start/stop here.
 */
export async function startRealtimeSlices(_io: MingleServer): Promise<void> {
  registerLabSocket();
  startLabs();
}

export async function stopRealtimeSlices(): Promise<void> {
  await stopLabs();
}

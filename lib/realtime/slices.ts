import { startBookingJobs, stopBookingJobs } from "@/lib/booking/jobs";
import { startLabs, stopLabs } from "@/lib/labs/runtime";
import { registerLabSocket } from "@/lib/labs/socket";
import { startTerminals, stopTerminals } from "@/lib/labs/terminal-runtime";
import type { MingleServer } from "./server";

/**
 * Background parts of slices that live beside the socket server (lab reaper, warm pool,
 * reconciliation, terminal hubs). Each slice adds its start/stop here.
 */
export async function startRealtimeSlices(_io: MingleServer): Promise<void> {
  registerLabSocket();
  startLabs();
  startTerminals();
  startBookingJobs();
}

export async function stopRealtimeSlices(): Promise<void> {
  stopTerminals();
  await stopLabs();
  await stopBookingJobs();
}

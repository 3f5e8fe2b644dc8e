import type { LabView } from "@/lib/labs/schema";

/** Display helpers for labs (pure, shared by server and client components). */

export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 ** 2;
  return mib >= 1024 ? `${+(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}

export function formatDuration(seconds: number): string {
  if (seconds >= 3600) return `${+(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

/** "12:04" or "1:02:03" left; "0:00" once expired. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return `${h ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

export const LIVE: readonly LabView["status"][] = ["CREATING", "BOOTING", "READY", "STOPPING"];

export const STATUS_LABEL: Record<LabView["status"], string> = {
  CREATING: "Creating",
  BOOTING: "Booting",
  READY: "Ready",
  STOPPING: "Stopping",
  STOPPED: "Stopped",
  FAILED: "Failed",
  LOST: "Lost",
};

export const STATUS_TONE: Record<LabView["status"], "slate" | "moby" | "green" | "amber" | "red"> = {
  CREATING: "moby",
  BOOTING: "moby",
  READY: "green",
  STOPPING: "amber",
  STOPPED: "slate",
  FAILED: "red",
  LOST: "red",
};

"use client";

import { useEffect, useState } from "react";
import { getSocket } from "@/components/realtime/socket-client";
import { formatBytes } from "@/lib/recordings/format-bytes";
import type { LabRecordingEvent, RecordingBadge as Badge } from "@/lib/recordings/schema";

/** The lab page's "Recording" badge: red dot while recorded, and what happened when it stopped or why it is off. */
export function RecordingBadge({ labId, initial }: { labId: string; initial: Badge }) {
  const [badge, setBadge] = useState(initial);
  useEffect(() => {
    const socket = getSocket();
    const on = (e: LabRecordingEvent) => {
      if (e.labId !== labId) return;
      setBadge(e.state === "stopped" ? { state: "stopped", maxBytes: initial.state === "stopped" ? initial.maxBytes : 0 } : { state: "recording" });
    };
    socket.on("lab:recording", on);
    return () => {
      socket.off("lab:recording", on);
    };
  }, [labId, initial]);

  if (badge.state === "none") return null;
  if (badge.state === "recording") {
    return (
      <span
        data-testid="recording-badge"
        data-state="recording"
        title="This session's terminal is recorded: both of you can replay it on the session's recap page."
        className="inline-flex items-center gap-1.5 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800"
      >
        <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-red-600" />
        Recording
      </span>
    );
  }
  const text = badge.state === "stopped" ? `Recording stopped: size limit${badge.maxBytes ? ` of ${formatBytes(badge.maxBytes)}` : ""} reached` : badge.reason;
  return (
    <span data-testid="recording-badge" data-state={badge.state} className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
      {text}
    </span>
  );
}

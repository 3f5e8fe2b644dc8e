"use client";

import { type ApiResult, apiFetch } from "@/components/api-client";
import type { SessionView } from "@/lib/booking/schema";
import { viewerTimeZone } from "./slot-time";

/** The viewer's zone as a query string, so the API's timeLabel reads in both clocks. */
export function tzQuery(): string {
  const zone = viewerTimeZone();
  return zone ? `tz=${encodeURIComponent(zone)}` : "";
}

/** POST to one of a session's action endpoints; the answer is the session's new state. */
export function sessionAction(sessionId: string, action: "respond" | "cancel" | "reschedule" | "check-in" | "feedback", body?: unknown): Promise<ApiResult<SessionView>> {
  return apiFetch<SessionView>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/${action}`, { method: "POST", body });
}

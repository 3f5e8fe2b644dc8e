import { apiFetch } from "@/components/api-client";
import type { SessionView } from "@/lib/booking/schema";

/** Asks the expert behind an offer for a session at one slot (the offer page and "Available now"); an empty note is left out. */
export function requestSession(offerId: string, slotStart: string, message: string) {
  const note = message.trim();
  return apiFetch<SessionView>("/api/v1/sessions", { method: "POST", body: { offerId, slotStart, ...(note ? { message: note } : {}) } });
}

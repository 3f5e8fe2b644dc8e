import type { LabStatusEvent, LabWatchAck, WatchInput } from "@/lib/labs/schema";
import type { NotificationNewPayload, NotificationReadPayload } from "@/lib/notifications/schema";
import type { LabOutputPayload, LabTerminalEndedPayload, TerminalClientEvents } from "@/lib/labs/terminal-events";
import type { LabRecordingEvent } from "@/lib/recordings/schema";
import type { LabCheckedEvent, LabExtendedEvent } from "@/lib/labs/workspace-schema";

/**
 * Typed socket.io event maps shared by client and server. Payloads are still validated with zod on
 * the server: types are not validation. Slices add their events here.
 */
export interface ServerToClientEvents {
  notice: (payload: { message: string }) => void;
  "lab:status": (payload: LabStatusEvent) => void;
  "lab:output": (payload: LabOutputPayload) => void;
  "lab:terminal-ended": (payload: LabTerminalEndedPayload) => void;
  /** A lab's terminal recording started, or stopped at its size cap (the lab page's badge). */
  "lab:recording": (payload: LabRecordingEvent) => void;
  /** A participant extended the lab: its new end. */
  "lab:extended": (payload: LabExtendedEvent) => void;
  /** A participant ran one of the lab's checks: its result. */
  "lab:checked": (payload: LabCheckedEvent) => void;
  "notification:new": (payload: NotificationNewPayload) => void;
  "notification:read": (payload: NotificationReadPayload) => void;
  /** Booking: a session of this user changed (reload it); availability: "Available now" and free slots changed. */
  "booking:changed": (payload: { sessionId: string }) => void;
  "availability:changed": (payload: Record<string, never>) => void;
  /** To organizers only (room `organizers`): a lab host's state, health or load changed (reload the Hosts page). */
  "hosts:changed": (payload: Record<string, never>) => void;
  [event: string]: (...args: never[]) => void;
}

export interface ClientToServerEvents {
  "lab:watch": (payload: WatchInput, ack: (r: LabWatchAck) => void) => void;
  "lab:unwatch": (payload: WatchInput) => void;
  "lab:attach": TerminalClientEvents["lab:attach"];
  "lab:input": TerminalClientEvents["lab:input"];
  "lab:resize": TerminalClientEvents["lab:resize"];
  "lab:ack": TerminalClientEvents["lab:ack"];
  "lab:detach": TerminalClientEvents["lab:detach"];
  [event: string]: (...args: never[]) => void;
}

export interface SocketData {
  userId: string;
  role: "ATTENDEE" | "ORGANIZER";
  name: string;
}

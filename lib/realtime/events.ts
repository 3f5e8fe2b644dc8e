import type { LabStatusEvent, LabWatchAck, WatchInput } from "@/lib/labs/schema";

/**
 * Typed socket.io event maps shared by client and server. Payloads are still validated with zod on
 * the server: types are not validation. Slices add their events here.
 */
export interface ServerToClientEvents {
  "notice": (payload: { message: string }) => void;
  "lab:status": (payload: LabStatusEvent) => void;
  [event: string]: (...args: never[]) => void;
}

export interface ClientToServerEvents {
  "lab:watch": (payload: WatchInput, ack: (r: LabWatchAck) => void) => void;
  "lab:unwatch": (payload: WatchInput) => void;
  [event: string]: (...args: never[]) => void;
}

export interface SocketData {
  userId: string;
  role: "ATTENDEE" | "ORGANIZER";
  name: string;
}

import { labRuntime } from "@/lib/labs/deps";
import { onSocketConnection } from "@/lib/realtime/server";
import { remember } from "@/lib/singleton";
import { hostsChanged, ORGANIZERS_ROOM } from "./deps";
import { hostRegistry } from "./host-pool";

/**
 * Live Hosts page: organizers' sockets join the organizers room (the role comes from the signed
 * session in the handshake, so nobody else can), and the room hears `hosts:changed` whenever a
 * host's state, health or load changes: a host event, or any lab's status (its host's load).
 */
export function registerHostSocket(): void {
  remember("hosts.socketRegistered", () => {
    onSocketConnection((socket) => {
      if (socket.data.role === "ORGANIZER") void socket.join(ORGANIZERS_ROOM);
    });
    hostRegistry().onChange(hostsChanged);
    labRuntime().labs.subscribe((event) => {
      if (!event.progress) hostsChanged();
    });
    return true;
  });
}

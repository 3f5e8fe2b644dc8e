"use client";

import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type MingleClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: MingleClientSocket | null = null;

/**
 * The page's one socket.io connection (notifications, lab terminals, "available now" share it).
 * Same origin, authenticated by the next-auth cookie. WebSocket only: the server checks the Origin
 * header, which browsers always send on a WebSocket handshake but not on same-origin polling GETs.
 * socket.io reconnects by itself with backoff; listeners should re-fetch state on "connect".
 */
export function getSocket(): MingleClientSocket {
  socket ??= io({
    path: "/socket.io",
    transports: ["websocket"],
    withCredentials: true,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  return socket;
}

/** Drops the connection (on sign-out) so the next getSocket() authenticates afresh. */
export function closeSocket(): void {
  socket?.close();
  socket = null;
}

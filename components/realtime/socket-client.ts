"use client";

import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

export type MingleClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: MingleClientSocket | null = null;

/**
 * The page's one socket.io connection (notifications, lab terminals, "available now" share it).
 * Same origin, authenticated by the next-auth cookie. WebSocket only: the server checks the Origin
 * header, which browsers always send on a WebSocket handshake but not on same-origin polling GETs.
 * socket.io reconnects by itself with backoff (and after an outage, see below); listeners should
 * re-fetch state on "connect".
 */
export function getSocket(): MingleClientSocket {
  if (socket) return socket;
  const created: MingleClientSocket = io({
    path: "/socket.io",
    transports: ["websocket"],
    withCredentials: true,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  // A handshake the server refuses ends socket.io's reconnecting; during an outage the server
  // says UNAVAILABLE and when to try again, so try again then (a refused sign-in stays refused).
  created.on("connect_error", (error: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
    if (created.active || error.data?.code !== "UNAVAILABLE") return;
    const delay = (error.data.retryAfterMs ?? 5_000) * (1 + Math.random() / 2);
    setTimeout(() => {
      if (socket === created && !created.connected) created.connect();
    }, delay);
  });
  socket = created;
  return socket;
}

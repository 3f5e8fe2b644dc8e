"use client";

import { useSyncExternalStore } from "react";
import { apiFetch } from "@/components/api-client";
import { getSocket } from "@/components/realtime/socket-client";
import type { NotificationNewPayload, NotificationReadPayload, NotificationView } from "@/lib/notifications/schema";

/**
 * The page's notification state, fed by one socket subscription: the unread count (the badge),
 * and listeners for new and read events (toaster, dropdown, inbox). Each tab and device hears the
 * same `user:<id>` room, so badges agree without polling; on every (re)connect the count is
 * re-fetched, covering anything missed while offline.
 */
type Listener = () => void;

let unread: number | null = null;
let started = false;
const listeners = new Set<Listener>();
const newListeners = new Set<(n: NotificationView) => void>();
const readListeners = new Set<(p: NotificationReadPayload) => void>();

function setUnread(value: number) {
  if (value === unread) return;
  unread = value;
  for (const l of listeners) l();
}

async function refreshUnread() {
  const res = await apiFetch<{ unread: number }>("/api/v1/notifications/unread-count");
  if (res.ok) setUnread(res.data.unread);
}

export function startNotifications(): void {
  if (started || typeof window === "undefined") return;
  started = true;
  const socket = getSocket();
  socket.on("connect", () => void refreshUnread());
  socket.on("notification:new", (p: NotificationNewPayload) => {
    setUnread(p.unread);
    for (const l of newListeners) l(p.notification);
  });
  socket.on("notification:read", (p: NotificationReadPayload) => {
    setUnread(p.unread);
    for (const l of readListeners) l(p);
  });
  void refreshUnread();
}

export function useUnreadCount(): number | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
    () => null,
  );
}

export function onNewNotification(fn: (n: NotificationView) => void): () => void {
  newListeners.add(fn);
  return () => newListeners.delete(fn);
}

export function onNotificationsRead(fn: (p: NotificationReadPayload) => void): () => void {
  readListeners.add(fn);
  return () => readListeners.delete(fn);
}

/** Marks read on the server; this tab updates from the response, the others from the socket event. */
export async function markNotificationsRead(input: { ids: string[] } | { all: true }): Promise<boolean> {
  const res = await apiFetch<{ marked: number; unread: number }>("/api/v1/notifications/read", { method: "POST", body: input });
  if (!res.ok) return false;
  setUnread(res.data.unread);
  const payload: NotificationReadPayload = { ids: "all" in input ? "all" : input.ids, unread: res.data.unread };
  for (const l of readListeners) l(payload);
  return true;
}

export function isRead(n: NotificationView, p: NotificationReadPayload): boolean {
  return p.ids === "all" || p.ids.includes(n.id);
}

export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

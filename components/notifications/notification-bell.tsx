"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api-client";
import type { InboxPage, NotificationView } from "@/lib/notifications/schema";
import { NotificationItem } from "./notification-item";
import { isRead, markNotificationsRead, onNewNotification, onNotificationsRead, startNotifications, useUnreadCount } from "./notification-store";

/** The header's bell: unread badge kept live over socket.io, and a dropdown of the latest few. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => startNotifications(), []);

  useEffect(() => {
    const offNew = onNewNotification((n) => setItems((list) => (list ? [n, ...list].slice(0, 8) : list)));
    const offRead = onNotificationsRead((p) => setItems((list) => list?.map((n) => (!n.readAt && isRead(n, p) ? { ...n, readAt: new Date().toISOString() } : n)) ?? list));
    return () => {
      offNew();
      offRead();
    };
  }, []);

  const load = useCallback(async () => {
    const res = await apiFetch<InboxPage>("/api/v1/notifications?limit=8");
    if (res.ok) {
      setItems(res.data.items);
      setError(null);
    } else setError(res.error.message);
  }, []);

  useEffect(() => {
    if (!open) return;
    void load();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open, load]);

  const openItem = (n: NotificationView) => {
    if (!n.readAt) void markNotificationsRead({ ids: [n.id] });
    if (n.link) setOpen(false);
  };

  const count = unread ?? 0;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications"}
        data-testid="notification-bell"
        className="relative grid h-10 w-10 place-items-center rounded-lg text-slate-700 hover:bg-slate-100"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span
            data-testid="notification-badge"
            className="absolute -right-0.5 -top-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-red-600 px-1 text-[11px] font-bold tabular-nums text-white ring-2 ring-white"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          data-testid="notification-dropdown"
          className="fixed inset-x-2 top-16 z-30 max-h-[75vh] overflow-y-auto rounded-2xl bg-white p-2 shadow-xl ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:right-0 sm:top-12 sm:w-96"
        >
          <div className="flex items-center justify-between px-3 py-2">
            <p className="font-semibold text-ink">Notifications</p>
            <button
              type="button"
              disabled={count === 0}
              onClick={() => void markNotificationsRead({ all: true })}
              className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 hover:bg-moby-50 disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              Mark all read
            </button>
          </div>
          {error ? <p className="px-3 py-2 text-sm text-red-700">{error}</p> : null}
          {items === null && !error ? <p className="px-3 py-4 text-sm text-slate-500">Loading…</p> : null}
          {items?.length === 0 ? <p className="px-3 py-4 text-sm text-slate-500">Nothing yet. Requests and session updates show up here.</p> : null}
          <ul className="space-y-0.5">
            {items?.map((n) => (
              <li key={n.id}>
                <NotificationItem n={n} onOpen={openItem} compact />
              </li>
            ))}
          </ul>
          <Link href="/inbox" onClick={() => setOpen(false)} className="mt-1 block rounded-lg px-3 py-2 text-center text-sm font-semibold text-moby-700 hover:bg-moby-50">
            Open inbox
          </Link>
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useApiAction } from "@/components/use-api-action";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import type { InboxPage, NotificationView } from "@/lib/notifications/schema";
import { NotificationItem } from "./notification-item";
import { isRead, markNotificationsRead, onNewNotification, onNotificationsRead, startNotifications, useUnreadCount } from "./notification-store";

/** The full inbox: live (new ones appear on top, reads from other tabs apply), paged with "Load more". */
export function InboxList({ initial }: { initial: InboxPage }) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const { call, busy: loading, error } = useApiAction();
  const unread = useUnreadCount() ?? initial.unread;

  useEffect(() => {
    startNotifications();
    const offNew = onNewNotification((n) => setItems((list) => (list.some((i) => i.id === n.id) ? list : [n, ...list])));
    const offRead = onNotificationsRead((p) => setItems((list) => list.map((n) => (!n.readAt && isRead(n, p) ? { ...n, readAt: new Date().toISOString() } : n))));
    return () => {
      offNew();
      offRead();
    };
  }, []);

  const loadMore = async () => {
    if (!cursor) return;
    const res = await call(() => apiFetch<InboxPage>(`/api/v1/notifications?limit=20&cursor=${encodeURIComponent(cursor)}`));
    if (!res.ok) return;
    setItems((list) => [...list, ...res.data.items.filter((n) => !list.some((i) => i.id === n.id))]);
    setCursor(res.data.nextCursor);
  };

  const open = (n: NotificationView) => {
    if (!n.readAt) void markNotificationsRead({ ids: [n.id] });
  };

  if (items.length === 0) {
    return <EmptyState title="Your inbox is empty">Session requests, answers and reminders will show up here as they happen.</EmptyState>;
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-slate-600" data-testid="inbox-unread">
          {unread === 0 ? "All read" : `${unread} unread`}
        </p>
        <Button variant="secondary" disabled={unread === 0} onClick={() => void markNotificationsRead({ all: true })}>
          Mark all read
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-2xl bg-white p-2 shadow-sm ring-1 ring-slate-200">
        {items.map((n) => (
          <li key={n.id} className="py-0.5">
            <NotificationItem n={n} onOpen={open} />
          </li>
        ))}
      </ul>
      {cursor ? (
        <div className="text-center">
          <Button variant="secondary" onClick={() => void loadMore()} disabled={loading}>
            {loading ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

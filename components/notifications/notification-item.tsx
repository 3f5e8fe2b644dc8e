"use client";

import Link from "next/link";
import type { NotificationView } from "@/lib/notifications/schema";
import { timeAgo } from "./notification-store";

/** One notification row: title, body, age; unread ones carry a dot. Presentational. */
export function NotificationItem({ n, onOpen, compact = false }: { n: NotificationView; onOpen: (n: NotificationView) => void; compact?: boolean }) {
  const unread = !n.readAt;
  const content = (
    <>
      <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${unread ? "bg-moby-500" : "bg-transparent"}`} />
      <span className="min-w-0 flex-1">
        <span className={`block text-sm ${unread ? "font-semibold text-ink" : "text-slate-700"}`}>{n.title}</span>
        {n.body ? <span className={`block text-sm text-slate-600 ${compact ? "line-clamp-2" : ""}`}>{n.body}</span> : null}
        <span className="mt-0.5 block text-xs text-slate-500">
          {timeAgo(n.createdAt)}
          {unread ? <span className="sr-only"> · unread</span> : null}
        </span>
      </span>
    </>
  );
  const cls = `flex w-full gap-3 rounded-lg px-3 py-2 text-left hover:bg-slate-50 ${unread ? "bg-moby-50/60" : ""}`;
  return n.link ? (
    <Link href={n.link} className={cls} onClick={() => onOpen(n)} data-testid="notification-item" data-unread={unread}>
      {content}
    </Link>
  ) : (
    <button type="button" className={cls} onClick={() => onOpen(n)} data-testid="notification-item" data-unread={unread}>
      {content}
    </button>
  );
}

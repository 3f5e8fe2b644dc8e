"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { NotificationView } from "@/lib/notifications/schema";
import { markNotificationsRead, onNewNotification, startNotifications } from "./notification-store";

const SHOW_MS = 8_000;
const MAX_TOASTS = 3;

/** Real-time toasts for new notifications, bottom of the screen; each can be opened or dismissed. */
export function Toaster() {
  const [toasts, setToasts] = useState<NotificationView[]>([]);

  useEffect(() => {
    startNotifications();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onNewNotification((n) => {
      setToasts((list) => [...list.filter((t) => t.id !== n.id), n].slice(-MAX_TOASTS));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setToasts((list) => list.filter((t) => t.id !== n.id));
      }, SHOW_MS);
      timers.add(timer);
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, []);

  const dismiss = (id: string) => setToasts((list) => list.filter((t) => t.id !== id));

  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-0 z-40 flex flex-col items-center gap-2 p-3 sm:items-end sm:p-6">
      {toasts.map((t) => (
        <div
          key={t.id}
          role="status"
          data-testid="toast"
          className="pointer-events-auto flex w-full max-w-sm gap-3 rounded-2xl bg-ink p-4 text-white shadow-2xl ring-1 ring-black/10"
        >
          <span aria-hidden className="mt-1 h-2.5 w-2.5 shrink-0 rounded-full bg-moby-500" />
          <div className="min-w-0 flex-1">
            <p className="font-semibold">{t.title}</p>
            {t.body ? <p className="mt-0.5 line-clamp-3 text-sm text-slate-200">{t.body}</p> : null}
            {t.link ? (
              <Link
                href={t.link}
                onClick={() => {
                  dismiss(t.id);
                  void markNotificationsRead({ ids: [t.id] });
                }}
                className="mt-2 inline-block text-sm font-semibold text-moby-100 underline underline-offset-2 hover:text-white"
              >
                View
              </Link>
            ) : null}
          </div>
          <button
            type="button"
            onClick={() => dismiss(t.id)}
            aria-label="Dismiss"
            className="-mr-1 -mt-1 grid h-8 w-8 shrink-0 place-items-center rounded-lg text-slate-300 hover:bg-white/10 hover:text-white"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

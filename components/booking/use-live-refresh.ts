"use client";

import { useEffect, useRef } from "react";
import { getSocket } from "@/components/realtime/socket-client";

/**
 * Re-fetches a view when the server says something it shows changed (`booking:changed`,
 * `availability:changed`), after a reconnect (events may have been missed) and when the tab comes
 * back into view. Bursts of events collapse into one fetch. `spreadMs` adds a random delay, for
 * views that every open page refetches on a broadcast: a hall of phones should not fetch at once.
 */
export function useLiveRefresh(events: readonly string[], refresh: () => void, debounceMs = 150, spreadMs = 0): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);

  const key = events.join("|");
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => {
          timer = null;
          latest.current();
        },
        debounceMs + Math.random() * spreadMs,
      );
    };
    const names = key.split("|");
    for (const name of names) socket.on(name, schedule);
    // Only a *re*connect can have missed events; the first connect follows the initial fetch.
    socket.io.on("reconnect", schedule);
    const onVisible = () => {
      if (document.visibilityState === "visible") schedule();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of names) socket.off(name, schedule);
      socket.io.off("reconnect", schedule);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key, debounceMs, spreadMs]);
}

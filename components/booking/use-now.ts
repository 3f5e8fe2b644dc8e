"use client";

import { useEffect, useState } from "react";

/** The current time, ticking every `everyMs`, for countdowns and "during the slot" buttons. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/ui/field";
import type { SessionView } from "@/lib/booking/schema";
import { tzQuery } from "./session-actions";
import { SessionCard } from "./session-card";
import { useLiveRefresh } from "./use-live-refresh";
import { useNow } from "./use-now";

/** One session on its own page (where notifications and calendar entries link to), kept live. */
export function SessionDetail({ sessionId }: { sessionId: string }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(10_000);

  const load = useCallback(async () => {
    const q = tzQuery();
    const result = await apiFetch<SessionView>(`/api/v1/sessions/${encodeURIComponent(sessionId)}${q ? `?${q}` : ""}`);
    if (result.ok) {
      setSession(result.data);
      setError(null);
    } else setError(result.error.message);
  }, [sessionId]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh(["booking:changed"], load);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/sessions" className="text-sm font-medium text-moby-700 hover:underline">
        ← All my sessions
      </Link>
      {error && !session ? <FormError message={error} /> : null}
      {session ? <SessionCard session={session} now={now} onChange={setSession} onStale={() => void load()} /> : error ? null : <p className="py-10 text-center text-slate-500">Loading…</p>}
    </div>
  );
}

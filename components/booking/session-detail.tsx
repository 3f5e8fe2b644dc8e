"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { RecordingToggle } from "@/components/recordings/recording-toggle";
import { FormError } from "@/components/ui/field";
import type { SessionHistoryView, SessionView } from "@/lib/booking/schema";
import { tzQuery } from "./session-actions";
import { SessionCard } from "./session-card";
import { SessionHistory } from "./session-history";
import { useLiveRefresh } from "./use-live-refresh";
import { useNow } from "./use-now";

/** One session on its own page (where notifications and calendar entries link to), kept live. */
export function SessionDetail({ sessionId }: { sessionId: string }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [history, setHistory] = useState<SessionHistoryView["entries"]>([]);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(10_000);

  const load = useCallback(async () => {
    const q = tzQuery();
    const path = `/api/v1/sessions/${encodeURIComponent(sessionId)}`;
    const [result, past] = await Promise.all([apiFetch<SessionView>(`${path}${q ? `?${q}` : ""}`), apiFetch<SessionHistoryView>(`${path}/history${q ? `?${q}` : ""}`)]);
    if (past.ok) setHistory(past.data.entries);
    if (result.ok) {
      setSession(result.data);
      setError(null);
    } else setError(result.error.message);
  }, [sessionId]);
  useEffect(() => {
    void load();
  }, [load]);
  // Every change reaches both people as booking:changed, which also brings the new history line.
  useLiveRefresh(["booking:changed"], load);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/sessions" className="text-sm font-medium text-moby-700 hover:underline">
        ← All my sessions
      </Link>
      {error && !session ? <FormError message={error} /> : null}
      {session ? (
        <SessionCard session={session} now={now} onChange={setSession} onStale={() => void load()} />
      ) : error ? null : (
        <p className="py-10 text-center text-slate-500">Loading…</p>
      )}
      {session?.offer.labTemplate && session.myRole && (session.status === "PENDING" || session.status === "ACCEPTED") ? <RecordingToggle sessionId={session.id} /> : null}
      {session ? <SessionHistory entries={history} /> : null}
    </div>
  );
}

"use client";

import Link from "next/link";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/ui/field";
import type { SessionListView, SessionView } from "@/lib/booking/schema";
import { CalendarFeed } from "./calendar-feed";
import { tzQuery } from "./session-actions";
import { SessionCard } from "./session-card";
import { useLiveRefresh } from "./use-live-refresh";
import { useNow } from "./use-now";

/**
 * "My sessions": requests waiting for me, my requests waiting for others, what is agreed, and what
 * is over. It follows `booking:changed` from the server, so the other person's answer appears
 * without a reload.
 */
export function MySessions() {
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(10_000);

  const load = useCallback(async () => {
    const q = tzQuery();
    const result = await apiFetch<SessionListView>(`/api/v1/sessions?scope=all${q ? `&${q}` : ""}`);
    if (result.ok) {
      setSessions(result.data.sessions);
      setError(null);
    } else setError(result.error.message);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh(["booking:changed"], load);

  const replace = useCallback((next: SessionView) => {
    setSessions((list) => (list ?? []).map((s) => (s.id === next.id ? next : s)));
  }, []);

  if (error && !sessions) return <FormError message={error} />;
  if (!sessions) return <p className="py-10 text-center text-slate-500">Loading your sessions…</p>;

  const byStart = (a: SessionView, b: SessionView) => a.slot.startsAt.localeCompare(b.slot.startsAt);
  const incoming = sessions.filter((s) => s.status === "PENDING" && s.myTurn).sort(byStart);
  const outgoing = sessions.filter((s) => s.status === "PENDING" && !s.myTurn).sort(byStart);
  const isOver = (s: SessionView) => new Date(s.slot.endsAt).getTime() <= now;
  const upcoming = sessions.filter((s) => s.status === "ACCEPTED" && !isOver(s)).sort(byStart);
  const past = sessions.filter((s) => s.status === "ACCEPTED" && isOver(s)).sort((a, b) => byStart(b, a));
  const closed = sessions.filter((s) => s.status !== "ACCEPTED" && s.status !== "PENDING").sort((a, b) => byStart(b, a));

  const card = (s: SessionView) => <SessionCard key={s.id} session={s} now={now} onChange={replace} onStale={() => void load()} />;

  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-8">
        {sessions.length === 0 ? (
          <div className="rounded-2xl border-2 border-dashed border-slate-300 p-8 text-center">
            <p className="font-semibold text-slate-800">No sessions yet</p>
            <p className="mt-2 text-sm text-slate-600">
              Find someone in{" "}
              <Link href="/offers" className="font-medium text-moby-700 underline">
                Offers
              </Link>{" "}
              or see who is{" "}
              <Link href="/now" className="font-medium text-moby-700 underline">
                free right now
              </Link>
              .
            </p>
          </div>
        ) : null}
        <Section id="incoming" title="Needs your answer" items={incoming} render={card} />
        <Section id="upcoming" title="Upcoming" items={upcoming} render={card} />
        <Section id="outgoing" title="Waiting for an answer" items={outgoing} render={card} />
        <Section id="past" title="Past" items={past} render={card} />
        <Section id="closed" title="Declined, cancelled and expired" items={closed} render={card} collapsed />
      </div>
      <aside className="space-y-4">
        <section className="rounded-2xl bg-moby-50 p-4 ring-1 ring-moby-100 sm:p-5">
          <h2 className="font-bold text-ink">Your free times</h2>
          <p className="mt-1 text-sm text-slate-600">People can only request slots you marked as free.</p>
          <Link href="/availability" className="mt-3 inline-block text-sm font-semibold text-moby-700 underline">
            Set availability
          </Link>
        </section>
        <CalendarFeed />
      </aside>
    </div>
  );
}

function Section({ id, title, items, render, collapsed = false }: { id: string; title: string; items: SessionView[]; render: (s: SessionView) => ReactNode; collapsed?: boolean }) {
  if (items.length === 0) return null;
  const heading = (
    <>
      {title} <span className="ml-1 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700">{items.length}</span>
    </>
  );
  if (collapsed) {
    return (
      <details data-testid={`sessions-${id}`} className="group">
        <summary className="cursor-pointer text-lg font-bold text-ink">{heading}</summary>
        <div className="mt-3 space-y-3">{items.map(render)}</div>
      </details>
    );
  }
  return (
    <section aria-labelledby={`sessions-${id}-title`} data-testid={`sessions-${id}`}>
      <h2 id={`sessions-${id}-title`} className="mb-3 text-lg font-bold text-ink">
        {heading}
      </h2>
      <div className="space-y-3">{items.map(render)}</div>
    </section>
  );
}

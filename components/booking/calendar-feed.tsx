"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { CalendarFeedView } from "@/lib/booking/schema";

/** The private subscribe URL for calendar apps: create, copy, replace (old URL dies) or revoke. */
export function CalendarFeed() {
  const [feed, setFeed] = useState<CalendarFeedView | null>(null);
  const { call, busy, error, fail } = useApiAction();
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    const result = await apiFetch<CalendarFeedView>("/api/v1/calendar-feed");
    if (result.ok) setFeed(result.data);
    else fail(result.error.message);
  }, [fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const change = async (method: "POST" | "DELETE") => {
    if (method === "DELETE" && !window.confirm("Calendars subscribed to this link stop updating. Revoke it?")) return;
    if (method === "POST" && feed?.url && !window.confirm("The current link stops working and you will get a new one. Continue?")) return;
    const result = await call(() => apiFetch<CalendarFeedView>("/api/v1/calendar-feed", { method }));
    if (!result.ok) return;
    setCopied(false);
    setFeed(method === "DELETE" ? { url: null, createdAt: null } : result.data);
  };

  const copy = async () => {
    if (!feed?.url) return;
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied(true);
    } catch {
      fail("Could not copy; select the link and copy it yourself.");
    }
  };

  return (
    <section className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" data-testid="calendar-feed">
      <h2 className="font-bold text-ink">Calendar subscription</h2>
      <p className="mt-1 text-sm text-slate-600">A private link your calendar app can subscribe to: every session, kept up to date. Anyone with the link sees your sessions.</p>
      {error ? (
        <div className="mt-3">
          <FormError message={error.message} />
        </div>
      ) : null}
      {feed === null ? null : feed.url ? (
        <div className="mt-3 space-y-3">
          <input
            readOnly
            value={feed.url}
            aria-label="Calendar feed link"
            onFocus={(e) => e.currentTarget.select()}
            className="block w-full rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700 ring-1 ring-slate-200"
          />
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy link"}
            </Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void change("POST")}>
              New link
            </Button>
            <Button type="button" variant="ghost" disabled={busy} onClick={() => void change("DELETE")}>
              Revoke
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" className="mt-3" disabled={busy} onClick={() => void change("POST")}>
          Create link
        </Button>
      )}
    </section>
  );
}

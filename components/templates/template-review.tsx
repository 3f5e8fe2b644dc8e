"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { FormError, TextInput } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { ReviewItem, VersionView } from "@/lib/templates/schema";

function ReviewRow({ item, onChange }: { item: ReviewItem; onChange: (i: ReviewItem) => void }) {
  const { call, busy, error } = useApiAction();
  const [reason, setReason] = useState("");
  const [yaml, setYaml] = useState<string | null>(null);

  async function disable(event: React.FormEvent) {
    event.preventDefault();
    const r = await call(() => apiFetch<ReviewItem>(`/api/v1/organizer/templates/${item.id}/disable`, { method: "POST", body: { reason } }));
    if (r.ok) onChange(r.data);
  }
  async function enable() {
    const r = await call(() => apiFetch<ReviewItem>(`/api/v1/organizer/templates/${item.id}/enable`, { method: "POST" }));
    if (r.ok) onChange(r.data);
  }
  async function show() {
    if (yaml !== null) return setYaml(null);
    const r = await call(() => apiFetch<VersionView>(`/api/v1/templates/${item.id}/versions/${item.latest.number}`));
    if (r.ok) setYaml(r.data.yaml);
  }

  return (
    <li className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="review-template">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold text-ink">
            {item.title} <span className="font-normal text-slate-500">v{item.latest.number}</span>
          </h3>
          <p className="text-sm text-slate-600">
            by {item.author.name} ({item.author.email}) · {item.versions} version{item.versions === 1 ? "" : "s"} · named by {item.offers} offer{item.offers === 1 ? "" : "s"}
          </p>
          <p className="break-all text-xs text-slate-500">{item.latest.name}</p>
        </div>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${item.disabled ? "bg-amber-100 text-amber-900" : "bg-green-100 text-green-800"}`}>
          {item.disabled ? "Disabled" : "Enabled"}
        </span>
      </div>
      {item.disabled ? <p className="text-sm text-amber-900">Reason: {item.disabled.reason}</p> : null}
      <FormError message={error?.message} />
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="ghost" onClick={show} aria-expanded={yaml !== null}>
          {yaml === null ? "Show YAML" : "Hide YAML"}
        </Button>
        {item.disabled ? (
          <Button variant="secondary" onClick={enable} disabled={busy}>
            Enable
          </Button>
        ) : (
          <form onSubmit={disable} className="flex min-w-0 flex-1 flex-wrap gap-2">
            <label htmlFor={`reason-${item.id}`} className="sr-only">
              Why disable {item.title}
            </label>
            <TextInput
              id={`reason-${item.id}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Why (the author and the offer see it)"
              className="min-w-0 flex-1"
            />
            <Button type="submit" variant="secondary" disabled={busy || reason.trim().length < 3}>
              Disable
            </Button>
          </form>
        )}
      </div>
      {yaml !== null ? <pre className="max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{yaml}</pre> : null}
    </li>
  );
}

/** Organizers' review of everyone's own templates: read the YAML, disable with a reason, enable again. */
export function TemplateReview({ initial }: { initial: ReviewItem[] }) {
  const [items, setItems] = useState(initial);
  if (items.length === 0) return <EmptyState title="No one has written a template yet">Experts' own lab templates show here for review.</EmptyState>;
  return (
    <ul className="space-y-3">
      {items.map((i) => (
        <ReviewRow key={i.id} item={i} onChange={(n) => setItems((list) => list.map((x) => (x.id === n.id ? n : x)))} />
      ))}
    </ul>
  );
}

"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { FormError } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import type { SessionRecordingView } from "@/lib/recordings/schema";

/** On the session page, before the lab: whether its terminal will be recorded, and the switch to turn it off. */
export function RecordingToggle({ sessionId }: { sessionId: string }) {
  const [view, setView] = useState<SessionRecordingView | null>(null);
  const { call, busy, error } = useApiAction();
  const path = `/api/v1/sessions/${encodeURIComponent(sessionId)}/recording`;

  const load = useCallback(async () => {
    const r = await apiFetch<SessionRecordingView>(path);
    if (r.ok) setView(r.data);
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!view) return null;
  const change = async (enabled: boolean) => {
    const r = await call(() => apiFetch<SessionRecordingView>(path, { method: "PUT", body: { enabled } }));
    if (r.ok) setView(r.data);
    else void load();
  };
  const hint = view.started
    ? "Recording has begun: the choice is fixed."
    : view.enabled
      ? `The lab's terminal will be recorded${view.input ? ", keystrokes included," : ""} for the two of you to replay on the session's recap. Either of you can turn it off before the lab's terminal opens.`
      : (view.reason ?? "Not recorded.");

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="recording-toggle" data-enabled={view.enabled}>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-0.5 h-4 w-4 accent-moby-700"
          checked={view.enabled}
          disabled={busy || !view.canChange}
          onChange={(e) => void change(e.target.checked)}
        />
        <span>
          <span className="font-semibold text-ink">Record the lab&apos;s terminal</span>
          <span className="mt-0.5 block text-slate-600">{hint}</span>
        </span>
      </label>
      {error ? <FormError message={error.message} /> : null}
    </div>
  );
}

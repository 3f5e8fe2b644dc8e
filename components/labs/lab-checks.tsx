"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { getSocket } from "@/components/realtime/socket-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useApiAction } from "@/components/use-api-action";
import type { CheckList, CheckView, LabCheckedEvent } from "@/lib/labs/workspace-schema";

/**
 * The template's checks as a checklist: Verify runs one in the lab (participants), ✓/✗ with its
 * output and, on ✗, the hint. A result either participant gets shows for everyone (`lab:checked`).
 */
export function LabChecks({ labId }: { labId: string }) {
  const [list, setList] = useState<CheckList | null>(null);
  const { call, pending, error } = useApiAction();

  const load = useCallback(async () => {
    const r = await apiFetch<CheckList>(`/api/v1/labs/${labId}/checks`);
    if (r.ok) setList(r.data);
  }, [labId]);

  const put = useCallback((check: CheckView) => setList((l) => (l ? { ...l, checks: l.checks.map((c) => (c.name === check.name ? check : c)) } : l)), []);

  useEffect(() => {
    void load();
    const socket = getSocket();
    const onChecked = (e: LabCheckedEvent) => {
      if (e.labId === labId) put(e.check);
    };
    socket.on("lab:checked", onChecked);
    return () => {
      socket.off("lab:checked", onChecked);
    };
  }, [labId, load, put]);

  if (!list || list.checks.length === 0) return null;
  const passed = list.checks.filter((c) => c.last?.passed).length;

  async function verify(name: string) {
    const r = await call(() => apiFetch<CheckView>(`/api/v1/labs/${labId}/checks`, { method: "POST", body: { name } }), { label: name });
    if (r.ok) put(r.data);
  }

  return (
    <Card className="min-w-0">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold text-slate-800">Checks</h2>
        <span className="text-xs tabular-nums text-slate-500" data-testid="checks-score">
          {passed} of {list.checks.length} done
        </span>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <ol className="mt-3 space-y-3" data-testid="checks">
        {list.checks.map((c) => {
          const last = c.last;
          const mark = !last ? "·" : last.passed ? "✓" : "✗";
          return (
            <li key={c.name} data-testid="check" data-name={c.name} data-state={!last ? "unknown" : last.passed ? "passed" : "failed"}>
              <div className="flex items-start gap-3">
                <span
                  role="img"
                  aria-label={!last ? "not run yet" : last.passed ? "passed" : "failed"}
                  className={`mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full text-sm font-bold ${
                    !last ? "bg-slate-100 text-slate-400" : last.passed ? "bg-green-100 text-green-700" : "bg-red-100 text-red-700"
                  }`}
                >
                  {mark}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-800">{c.name}</p>
                  {last ? (
                    <p className="text-xs text-slate-500">
                      {last.timedOut ? "took too long" : `exit ${last.exitCode}`} · {new Date(last.at).toLocaleTimeString()} by {last.byName}
                    </p>
                  ) : null}
                  {last && !last.passed && c.hint ? <p className="mt-1 text-sm text-amber-800">Hint: {c.hint}</p> : null}
                  {last?.output ? (
                    <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-2 text-xs text-slate-100" data-testid="check-output">
                      {last.output}
                    </pre>
                  ) : null}
                </div>
                {list.canRun ? (
                  <Button variant="secondary" className="shrink-0 px-3 py-1 text-xs" disabled={pending !== null} onClick={() => void verify(c.name)}>
                    {pending === c.name ? "Verifying…" : "Verify"}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

"use client";

import { type ReactNode, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Field, FormError, TextArea } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import { REASON_MAX } from "@/lib/booking/rules";
import type { SessionView } from "@/lib/booking/schema";
import type { Table } from "./desk-sessions";

/** The desk's inline panels under a session row: cancel with a reason, move to another table. */

const TONES = { danger: "bg-red-50/60 ring-red-200", plain: "bg-slate-50 ring-slate-200" } as const;

function PanelForm({ tone, label, testId, onSubmit, children }: { tone: keyof typeof TONES; label: string; testId: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className={`mt-3 space-y-3 rounded-xl p-4 ring-1 ${TONES[tone]}`}
      aria-label={label}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** Codes after which the list is out of date (someone else changed the session or the table). */
const STALE = new Set(["STALE_STATE", "SAME_SLOT", "NOT_LIVE", "NOT_ACCEPTED", "TABLE_TAKEN", "NO_TABLE_FREE", "SESSION_OVER", "NOT_FOUND"]);

function useSubmit(onDone: (v: SessionView) => void, onStale: () => void) {
  const { call, error, busy } = useApiAction();
  async function submit(url: string, body: unknown) {
    const res = await call(() => apiFetch<SessionView>(url, { method: "POST", body }));
    if (res.ok) return onDone(res.data);
    if (STALE.has(res.error.code)) onStale();
  }
  return { error, busy, submit };
}

export function CancelPanel({
  session: s,
  when,
  onDone,
  onClose,
  onStale,
}: {
  session: SessionView;
  when: string;
  onDone: (v: SessionView) => void;
  onClose: () => void;
  onStale: () => void;
}) {
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const { error, busy, submit } = useSubmit(onDone, onStale);
  const length = [...reason.trim()].length;
  const local = tried && length === 0 ? "A reason is required: both people are told why." : length > REASON_MAX ? `Keep the reason to ${REASON_MAX} characters.` : undefined;
  const fieldId = `cancel-reason-${s.id}`;
  return (
    <PanelForm
      tone="danger"
      label="Cancel this session"
      testId="cancel-panel"
      onSubmit={() => {
        setTried(true);
        if (length === 0 || length > REASON_MAX) return;
        void submit(`/api/v1/organizer/sessions/${s.id}/cancel`, { reason: reason.trim() });
      }}
    >
      <p className="text-sm text-slate-800">
        Cancel <span className="font-semibold">“{s.offer.title}”</span> ({when}
        {s.table ? `, table ${s.table.label}` : ""}) for <span className="font-semibold">{s.requester.name}</span> and <span className="font-semibold">{s.expert.name}</span>? Both
        get a notification with your reason; this is recorded in the audit trail.
      </p>
      <Field label="Reason (sent to both)" htmlFor={fieldId} error={local ?? error?.fields?.reason} hint={`${length}/${REASON_MAX}`}>
        <TextArea id={fieldId} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} invalid={!!(local ?? error?.fields?.reason)} autoFocus />
      </Field>
      <FormError message={error?.message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={busy}>
          {busy ? "Cancelling…" : "Cancel the session"}
        </Button>
        <Button type="button" variant="ghost" onClick={onClose}>
          Keep it
        </Button>
      </div>
    </PanelForm>
  );
}

export function MovePanel({
  session: s,
  freeTables,
  onDone,
  onClose,
  onStale,
}: {
  session: SessionView;
  freeTables: Table[];
  onDone: (v: SessionView) => void;
  onClose: () => void;
  onStale: () => void;
}) {
  const [tableId, setTableId] = useState(freeTables[0]?.id ?? "");
  const { error, busy, submit } = useSubmit(onDone, onStale);
  const stillFree = freeTables.some((t) => t.id === tableId);
  useEffect(() => {
    if (!stillFree) setTableId(freeTables[0]?.id ?? "");
  }, [stillFree, freeTables]);
  const areas = [...new Set(freeTables.map((t) => t.area))];
  const fieldId = `move-table-${s.id}`;
  const message =
    error?.code === "TABLE_TAKEN"
      ? "That table was just taken by another session. The list is updated — pick another free table."
      : error?.code === "NO_TABLE_FREE"
        ? "No other table is free in this slot."
        : error?.message;
  return (
    <PanelForm
      tone="plain"
      label="Move this session to another table"
      testId="move-panel"
      onSubmit={() => {
        if (tableId) void submit(`/api/v1/organizer/sessions/${s.id}/table`, { tableId });
      }}
    >
      {freeTables.length === 0 ? (
        <p className="text-sm text-slate-700" role="alert">
          No other table is free at this time. Cancel or move another session first.
        </p>
      ) : (
        <Field label="New table" htmlFor={fieldId} error={error?.fields?.tableId} hint={`Free at this time · now ${s.table ? `table ${s.table.label}` : "no table"}`}>
          <select
            id={fieldId}
            value={tableId}
            onChange={(e) => setTableId(e.target.value)}
            className="block w-full rounded-lg border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-moby-600 sm:max-w-xs"
          >
            {areas.map((area) => (
              <optgroup key={area} label={area}>
                {freeTables
                  .filter((t) => t.area === area)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      Table {t.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Field>
      )}
      <FormError message={message} />
      <div className="flex flex-wrap gap-2">
        {freeTables.length > 0 ? (
          <Button type="submit" disabled={busy || !tableId}>
            {busy ? "Moving…" : "Move and notify both"}
          </Button>
        ) : null}
        <Button type="button" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
    </PanelForm>
  );
}

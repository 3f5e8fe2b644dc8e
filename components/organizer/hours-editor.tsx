"use client";

import { useState } from "react";
import { FormError } from "@/components/ui/field";
import type { SetupView } from "@/lib/organizer/schema";
import { useApiAction } from "@/components/use-api-action";
import { SaveRow } from "@/components/ui/save-row";

function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`) && out.length < 31; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const label = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** One row per conference day: on/off, opens, closes (local times in the conference zone). */
export function HoursEditor({ setup }: { setup: SetupView }) {
  const { run, error, busy } = useApiAction();
  const [saved, setSaved] = useState(false);
  const [rows, setRows] = useState(() =>
    daysBetween(setup.startDate, setup.endDate).map((day) => {
      const h = setup.hours.find((x) => x.day === day);
      return { day, on: !!h, opensAt: h?.opensAt ?? "09:00", closesAt: h?.closesAt ?? "17:00" };
    }),
  );
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const hours = rows.filter((r) => r.on).map(({ day, opensAt, closesAt }) => ({ day, opensAt, closesAt }));
        if ((await run("/api/v1/organizer/hours", { method: "PUT", body: { hours } })).ok) setSaved(true);
      }}
    >
      <p className="text-sm text-slate-600">Local times in {setup.timeZone}.</p>
      <ul className="divide-y divide-slate-100">
        {rows.map((r, i) => (
          <li key={r.day} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2" data-testid="hours-row">
            <label className="flex w-36 items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={r.on} onChange={(e) => update(i, { on: e.target.checked })} className="h-4 w-4 accent-moby-600" />
              {label(r.day)}
            </label>
            <span className="flex items-center gap-2 text-sm">
              <TimeInput label={`Opens on ${r.day}`} value={r.opensAt} disabled={!r.on} onChange={(opensAt) => update(i, { opensAt })} />
              <span aria-hidden>–</span>
              <TimeInput label={`Closes on ${r.day}`} value={r.closesAt} disabled={!r.on} onChange={(closesAt) => update(i, { closesAt })} />
            </span>
          </li>
        ))}
      </ul>
      <FormError message={error?.message} />
      <SaveRow label="Save hours" busy={busy} saved={saved} savedText="Saved. Generate slots to apply." />
    </form>
  );
}

function TimeInput({ label, value, disabled, onChange }: { label: string; value: string; disabled: boolean; onChange: (value: string) => void }) {
  return (
    <input
      type="time"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className="rounded-lg px-2 py-1 ring-1 ring-slate-300 disabled:opacity-40"
    />
  );
}

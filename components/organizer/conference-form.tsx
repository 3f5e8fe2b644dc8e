"use client";

import { useState } from "react";
import { Field, FormError, TextInput } from "@/components/ui/field";
import type { SetupView } from "@/lib/organizer/schema";
import { useApiAction } from "@/components/use-api-action";
import { SaveRow } from "@/components/ui/save-row";

export function ConferenceForm({ setup }: { setup: SetupView }) {
  const { run, error, busy } = useApiAction();
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    name: setup.name,
    venue: setup.venue,
    timeZone: setup.timeZone,
    startDate: setup.startDate,
    endDate: setup.endDate,
    slotMinutes: setup.slotMinutes,
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSaved(false);
    setForm({ ...form, [k]: k === "slotMinutes" ? Number(e.target.value) : e.target.value });
  };
  const f = error?.fields ?? {};
  return (
    <form
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await run("/api/v1/organizer/conference", { method: "PUT", body: form })).ok) setSaved(true);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="conf-name" error={f.name}>
          <TextInput id="conf-name" value={form.name} onChange={set("name")} invalid={!!f.name} required />
        </Field>
        <Field label="Venue" htmlFor="conf-venue" error={f.venue}>
          <TextInput id="conf-venue" value={form.venue} onChange={set("venue")} invalid={!!f.venue} />
        </Field>
        <Field label="Time zone" htmlFor="conf-tz" error={f.timeZone} hint="IANA name, e.g. America/Chicago or Europe/Berlin">
          <TextInput id="conf-tz" value={form.timeZone} onChange={set("timeZone")} invalid={!!f.timeZone} required />
        </Field>
        <Field label="Slot length" htmlFor="conf-slot" error={f.slotMinutes}>
          <select
            id="conf-slot"
            value={form.slotMinutes}
            onChange={set("slotMinutes")}
            className="block w-full rounded-lg border-0 px-3 py-2 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-moby-600"
          >
            {[15, 20, 30].map((n) => (
              <option key={n} value={n}>
                {n} minutes
              </option>
            ))}
          </select>
        </Field>
        <Field label="First day" htmlFor="conf-start" error={f.startDate}>
          <TextInput id="conf-start" type="date" value={form.startDate} onChange={set("startDate")} invalid={!!f.startDate} required />
        </Field>
        <Field label="Last day" htmlFor="conf-end" error={f.endDate}>
          <TextInput id="conf-end" type="date" value={form.endDate} onChange={set("endDate")} invalid={!!f.endDate} required />
        </Field>
      </div>
      <FormError message={error?.message} />
      <SaveRow label="Save conference" busy={busy} saved={saved} savedText="Saved." />
    </form>
  );
}

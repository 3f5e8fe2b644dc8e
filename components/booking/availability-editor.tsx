"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiResult } from "@/components/api-client";
import { FormError } from "@/components/ui/field";
import type { AvailabilityView } from "@/lib/booking/schema";
import { dayHeading, groupByDay, shortDay, slotClock, viewerTimeZone, zoneLabel } from "./slot-time";
import { useLiveRefresh } from "./use-live-refresh";

type Preset = "WHOLE_DAY" | "HALF_DAY_AM" | "HALF_DAY_PM";
type SaveState = "idle" | "saving" | "saved" | "error";

const PRESETS: Array<{ preset: Preset; label: string; available: boolean }> = [
  { preset: "WHOLE_DAY", label: "Whole day", available: true },
  { preset: "HALF_DAY_AM", label: "Morning", available: true },
  { preset: "HALF_DAY_PM", label: "Afternoon", available: true },
  { preset: "WHOLE_DAY", label: "Clear day", available: false },
];

/**
 * The expert's own availability: one day at a time, a grid of slots to tap on and off, presets for
 * the common cases. Taps save by themselves (batched), so on a phone there is no form to submit.
 * Slots held by a live session are shown as taken and cannot be toggled; past slots fold away.
 */
const put = (body: unknown) => apiFetch<AvailabilityView>("/api/v1/availability", { method: "PUT", body });

export function AvailabilityEditor() {
  const [view, setView] = useState<AvailabilityView | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [day, setDay] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [zone] = useState(viewerTimeZone);
  const [showPast, setShowPast] = useState(false);

  // Taps are batched: one PUT of the whole set at a time, and one more if taps came in meanwhile.
  const pending = useRef<Set<string> | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const accept = useCallback((next: AvailabilityView) => {
    setView(next);
    setChosen(new Set(next.slots.filter((s) => s.available).map((s) => s.startsAt)));
    setDay((current) => {
      const days = [...new Set(next.slots.map((s) => s.day))].sort();
      if (current && days.includes(current)) return current;
      return days.find((d) => next.slots.some((s) => s.day === d && !s.past)) ?? days[0] ?? null;
    });
  }, []);

  const load = useCallback(async () => {
    if (inFlight.current || pending.current) return; // the save's answer will bring the latest state
    const result = await apiFetch<AvailabilityView>("/api/v1/availability");
    if (result.ok) {
      accept(result.data);
      setLoadError(null);
    } else setLoadError(result.error.message);
  }, [accept]);

  useEffect(() => {
    void load();
  }, [load]);
  useLiveRefresh(["booking:changed"], load);

  /** Shows what the server now holds, or why it refused (and then re-reads the truth). */
  const settle = useCallback(
    (result: ApiResult<AvailabilityView>) => {
      if (result.ok) {
        accept(result.data);
        setSaveState("saved");
        setSaveError(null);
      } else {
        setSaveState("error");
        setSaveError(result.error.message);
        void load();
      }
    },
    [accept, load],
  );

  const flush = useCallback(async () => {
    if (inFlight.current || !pending.current) return;
    const starts = [...pending.current];
    pending.current = null;
    inFlight.current = true;
    setSaveState("saving");
    const result = await put({ mode: "slots", slotStarts: starts });
    inFlight.current = false;
    // Taps that came in meanwhile win; this answer is already out of date.
    if (pending.current) void flush();
    else settle(result);
  }, [settle]);

  const toggle = (start: string) => {
    const next = new Set(chosen);
    if (next.has(start)) next.delete(start);
    else next.add(start);
    setChosen(next);
    pending.current = next;
    setSaveState("saving");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 400);
  };

  const applyPreset = async (preset: Preset, available: boolean) => {
    if (!day || inFlight.current) return;
    if (timer.current) clearTimeout(timer.current);
    // Unsaved taps go first, so the preset applies on top of them.
    if (pending.current) await flush();
    inFlight.current = true;
    setSaveState("saving");
    const result = await put({ mode: "preset", day, preset, available });
    inFlight.current = false;
    settle(result);
  };

  if (loadError) return <FormError message={loadError} />;
  if (!view) return <p className="py-10 text-center text-slate-500">Loading your slots…</p>;
  if (view.slots.length === 0) {
    return <p className="rounded-2xl bg-white p-6 text-center text-slate-600 ring-1 ring-slate-200">The organizers have not opened any mingle slots yet.</p>;
  }

  const days = groupByDay(view.slots);
  const current = days.find((d) => d.day === day) ?? days[0]!;
  const showsYours = zone !== null && current.slots.some((s) => slotClock(s.startsAt, s.endsAt, view.timeZone, zone).yours !== null);
  const allPast = current.slots.every((s) => s.past);
  const pastCount = current.slots.filter((s) => s.past).length;
  const shown = showPast || allPast ? current.slots : current.slots.filter((s) => !s.past);

  return (
    <div className="space-y-4">
      <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <div role="tablist" aria-label="Conference days" className="flex gap-2">
          {days.map((d) => {
            const count = d.slots.filter((s) => chosen.has(s.startsAt) && !s.past).length;
            const active = d.day === current.day;
            return (
              <button
                key={d.day}
                type="button"
                role="tab"
                aria-selected={active}
                onClick={() => setDay(d.day)}
                className={`shrink-0 rounded-xl px-4 py-2 text-left ring-1 transition ${active ? "bg-ink text-white ring-ink" : "bg-white text-slate-700 ring-slate-200 hover:ring-slate-400"}`}
              >
                <span className="block text-sm font-semibold" title={dayHeading(d.day)}>
                  {shortDay(d.day)}
                </span>
                <span className={`block text-xs ${active ? "text-slate-300" : "text-slate-500"}`}>{count === 0 ? "not free" : `${count} slot${count === 1 ? "" : "s"} free`}</span>
              </button>
            );
          })}
        </div>
      </div>

      <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="grid grid-cols-2 gap-2 sm:flex">
            {PRESETS.map((p) => (
              <button
                key={p.label}
                type="button"
                disabled={allPast}
                onClick={() => void applyPreset(p.preset, p.available)}
                className={`rounded-lg px-3 py-2 text-sm font-semibold ring-1 transition disabled:opacity-50 ${
                  p.available ? "bg-moby-50 text-moby-700 ring-moby-100 hover:ring-moby-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
                }`}
              >
                {p.label}
              </button>
            ))}
          </div>
          <SaveStatus state={saveState} />
        </div>
        {saveError ? (
          <div className="mt-3">
            <FormError message={saveError} />
          </div>
        ) : null}

        <p className="mt-4 text-xs text-slate-500">
          Times in {zoneLabel(view.timeZone)}
          {showsYours ? " · your own time below each" : ""}. Taken slots hold a session or a request and stay as they are.
        </p>
        {pastCount > 0 && !allPast ? (
          <button type="button" onClick={() => setShowPast((v) => !v)} className="mt-3 text-sm font-medium text-moby-700 hover:underline">
            {showPast ? "Hide earlier slots" : `Show ${pastCount} earlier slot${pastCount === 1 ? "" : "s"}`}
          </button>
        ) : null}
        <div className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-6 lg:grid-cols-8" data-testid="availability-grid">
          {shown.map((slot) => {
            const clock = slotClock(slot.startsAt, slot.endsAt, view.timeZone, zone);
            const on = chosen.has(slot.startsAt);
            const locked = slot.busy || slot.past;
            const tone = slot.busy
              ? "bg-slate-100 text-slate-500 ring-slate-200 bg-[repeating-linear-gradient(135deg,transparent,transparent_6px,rgb(226_232_240)_6px,rgb(226_232_240)_8px)]"
              : slot.past
                ? "bg-slate-50 text-slate-300 ring-slate-100"
                : on
                  ? "bg-moby-600 text-white ring-moby-600"
                  : "bg-white text-slate-700 ring-slate-300 hover:ring-moby-500";
            return (
              <button
                key={slot.id}
                type="button"
                disabled={locked}
                aria-pressed={on}
                data-slot-start={slot.startsAt}
                data-state={slot.busy ? "taken" : slot.past ? "past" : on ? "free" : "off"}
                onClick={() => toggle(slot.startsAt)}
                className={`flex min-h-12 flex-col items-center justify-center rounded-lg px-1 py-1 text-sm font-medium ring-1 transition disabled:cursor-not-allowed ${tone}`}
              >
                <span className="tabular-nums">{clock.local.split("–")[0]}</span>
                <span className={`text-[11px] ${on && !locked ? "text-moby-100" : "text-slate-400"}`}>
                  {slot.busy ? "taken" : clock.yours ? `${clock.yours} yours` : on ? "free" : " "}
                </span>
              </button>
            );
          })}
        </div>
        <div className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
          <Legend className="bg-moby-600" label="Free for 1-on-1s" />
          <Legend className="bg-white ring-1 ring-slate-300" label="Not free" />
          <Legend className="bg-slate-200" label="Taken by a session" />
        </div>
      </div>
    </div>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const text = { idle: "", saving: "Saving…", saved: "All changes saved", error: "Not saved" }[state];
  return (
    <p aria-live="polite" data-testid="save-status" className={`text-sm ${state === "error" ? "text-red-700" : "text-slate-500"}`}>
      {text}
    </p>
  );
}

function Legend({ className, label }: { className: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={`h-3 w-3 rounded ${className}`} />
      {label}
    </span>
  );
}

"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import type { FreeSlotsView } from "@/lib/booking/schema";
import { dayHeading, groupByDay, slotClock, viewerTimeZone, zoneLabel } from "./slot-time";

export type PickedSlot = { startsAt: string; endsAt: string; timeZone: string };

/**
 * The expert's free slots, grouped by conference day; one can be picked. Used to request, to
 * propose another time and to reschedule (all three need the expert to be free then).
 * `reloadKey` refetches, e.g. after the API said a slot was just taken.
 */
export function SlotPicker({
  expertId,
  selected,
  onSelect,
  reloadKey = 0,
  exclude,
}: {
  expertId: string;
  selected: string | null;
  onSelect: (slot: PickedSlot) => void;
  reloadKey?: number;
  /** A slot start not to offer (the session's current slot when moving it). */
  exclude?: string;
}) {
  const [view, setView] = useState<FreeSlotsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zone] = useState(viewerTimeZone);

  const load = useCallback(async () => {
    const result = await apiFetch<FreeSlotsView>(`/api/v1/experts/${encodeURIComponent(expertId)}/free-slots`);
    if (result.ok) {
      setView(result.data);
      setError(null);
    } else setError(result.error.message);
  }, [expertId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the parent's "fetch again" signal
  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  if (error)
    return (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
        {error}
      </p>
    );
  if (!view) return <p className="py-6 text-center text-sm text-slate-500">Loading free times…</p>;

  const slots = view.slots.filter((s) => s.startsAt !== exclude);
  if (slots.length === 0) {
    return (
      <p data-testid="no-free-slots" className="rounded-lg bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
        No free times left. The expert has not marked any upcoming slot as available, or all are booked.
      </p>
    );
  }
  const showsYours = zone !== null && slots.some((s) => slotClock(s.startsAt, s.endsAt, view.timeZone, zone).yours !== null);

  return (
    <div className="space-y-5" data-testid="slot-picker">
      <p className="text-xs text-slate-500">
        Times in {zoneLabel(view.timeZone)}
        {showsYours ? (
          <>
            {" "}
            · <span className="font-medium text-moby-700">your time</span> below each
          </>
        ) : null}
      </p>
      {groupByDay(slots).map((group) => (
        <section key={group.day} aria-label={dayHeading(group.day)}>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{dayHeading(group.day)}</h3>
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            {group.slots.map((slot) => {
              const clock = slotClock(slot.startsAt, slot.endsAt, view.timeZone, zone);
              const active = selected === slot.startsAt;
              return (
                <button
                  key={slot.id}
                  type="button"
                  aria-pressed={active}
                  data-slot-start={slot.startsAt}
                  onClick={() => onSelect({ startsAt: slot.startsAt, endsAt: slot.endsAt, timeZone: view.timeZone })}
                  className={`flex min-h-11 flex-col items-center justify-center rounded-lg px-1 py-1.5 text-sm font-medium ring-1 transition ${
                    active ? "bg-moby-600 text-white ring-moby-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-moby-50 hover:ring-moby-500"
                  }`}
                >
                  <span className="tabular-nums">{clock.local}</span>
                  {new Date(slot.startsAt).getTime() <= Date.now() ? <span className={`text-[11px] font-semibold ${active ? "text-white" : "text-green-700"}`}>now</span> : null}
                  {clock.yours ? <span className={`text-[11px] tabular-nums ${active ? "text-moby-100" : "text-slate-500"}`}>{clock.yours} yours</span> : null}
                </button>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

import type { DashboardView } from "@/lib/organizer/schema";

/**
 * Tables × slots of one day: booked cells coloured, checked-in ones darker, pending requests counted per slot.
 * With `onPick`, a booked cell is a button that hands its session id to the desk's actions.
 */
export function OccupancyGrid({ grid, now, onPick }: { grid: DashboardView["grid"]; now: number; onPick?: (sessionId: string) => void }) {
  if (grid.slots.length === 0) return <p className="text-sm text-slate-600">No slots on this day yet. Generate slots in Set-up.</p>;
  const bySlotTable = new Map(grid.sessions.map((s) => [`${s.slotId}:${s.tableId}`, s]));
  return (
    <div className="overflow-x-auto rounded-xl ring-1 ring-slate-200" data-testid="occupancy-grid">
      <table className="border-separate border-spacing-0 text-xs">
        <thead>
          <tr>
            <th className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-semibold text-slate-600">Table</th>
            {grid.slots.map((s) => {
              const current = Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt);
              return (
                <th key={s.id} scope="col" className={`px-0.5 py-1 font-medium tabular-nums ${current ? "text-moby-700" : "text-slate-500"}`}>
                  <span className="block w-9 text-center">{s.label}</span>
                  {s.pending > 0 ? (
                    <span className="block text-center text-amber-700" title={`${s.pending} pending request(s)`}>
                      {s.pending}?
                    </span>
                  ) : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {grid.tables.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-0.5 text-left font-semibold text-slate-700" title={t.area}>
                {t.label}
              </th>
              {grid.slots.map((s) => {
                const session = bySlotTable.get(`${s.id}:${t.id}`);
                const past = Date.parse(s.endsAt) <= now;
                const tone = session ? (session.checkedIn >= 2 ? "bg-green-600" : past ? "bg-sky-300" : "bg-moby-500") : past ? "bg-slate-100" : "bg-slate-50";
                const title = session ? `${t.label} ${s.label}: ${session.title} — ${session.requester.name} with ${session.expert.name}` : `${t.label} ${s.label}: free`;
                const cell = `block h-6 w-9 rounded ${tone} ring-1 ring-inset ring-slate-200`;
                return (
                  <td key={s.id} className="p-0.5">
                    {session && onPick ? (
                      <button
                        type="button"
                        className={`${cell} cursor-pointer hover:ring-2 hover:ring-ink focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ink`}
                        title={title}
                        aria-label={`${title}. Open actions`}
                        data-booked="true"
                        data-session-id={session.id}
                        onClick={() => onPick(session.id)}
                      />
                    ) : (
                      <span className={cell} title={title} data-booked={session ? "true" : undefined} />
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GridLegend() {
  return (
    <div className="flex flex-wrap gap-3 text-xs text-slate-600">
      {[
        ["bg-slate-50 ring-1 ring-slate-200", "free"],
        ["bg-moby-500", "booked"],
        ["bg-green-600", "both checked in"],
        ["bg-sky-300", "booked, past"],
      ].map(([cls, label]) => (
        <span key={label} className="flex items-center gap-1">
          <span className={`inline-block h-3 w-4 rounded ${cls}`} />
          {label}
        </span>
      ))}
      <span className="text-amber-700">n? pending requests in the slot</span>
    </div>
  );
}

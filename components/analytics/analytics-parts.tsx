"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AnalyticsView } from "@/lib/analytics/schema";
import { percent } from "./format";

/** The Analytics page's building blocks: a section, figure tiles, a bar chart, a people list, the table heatmap. */

export function Section({ title, notes, children }: { title: string; notes: string[]; children: React.ReactNode }) {
  return (
    <section className="space-y-4" aria-label={title}>
      <h2 className="text-xl font-bold text-ink">{title}</h2>
      {children}
      {notes.map((n) => (
        <p key={n} className="text-sm text-slate-600">
          {n}
        </p>
      ))}
    </section>
  );
}

export function Tiles({ items, testId }: { items: [string, string][]; testId: string }) {
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid={testId}>
      {items.map(([label, value]) => (
        <div key={label} className="min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="mt-1 text-xl font-bold tabular-nums text-ink" data-testid={`${testId}-${label.toLowerCase().replace(/\W+/g, "-")}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Bars with room for long category names: horizontal when the names are long, so no label overlaps another. */
export function SimpleBar({ data, color, label }: { data: { name: string; value: number }[]; color: string; label: string }) {
  const long = data.some((d) => d.name.length > 8);
  return (
    <ResponsiveContainer width="100%" height="100%">
      {long ? (
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip />
          <Bar isAnimationActive={false} dataKey="value" name={label} fill={color} radius={[0, 4, 4, 0]} />
        </BarChart>
      ) : (
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Bar isAnimationActive={false} dataKey="value" name={label} fill={color} radius={[4, 4, 0, 0]} />
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}

export function PeopleList({ title, what, list, csvHref }: { title: string; what: string; list: { count: number; sample: { id: string; name: string }[] }; csvHref?: string }) {
  return (
    <div className="space-y-2 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold text-ink">{title}</h3>
          <p className="text-sm text-slate-600">
            {list.count} {what}.
          </p>
        </div>
        {csvHref ? (
          <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csvHref} download>
            CSV
          </a>
        ) : null}
      </div>
      <ul className="flex max-h-40 flex-wrap gap-1.5 overflow-auto text-sm">
        {list.sample.map((p) => (
          <li key={p.id}>
            <a className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700 hover:bg-slate-200" href={`/people/${encodeURIComponent(p.id)}`}>
              {p.name}
            </a>
          </li>
        ))}
        {list.count > list.sample.length ? <li className="px-2 py-0.5 text-slate-500">and {list.count - list.sample.length} more</li> : null}
      </ul>
    </div>
  );
}

/** Areas × hours; a cell's shade is its utilisation. A table, so it reads as one without a drawing. */
export function Heatmap({ tables }: { tables: AnalyticsView["tables"] }) {
  if (tables.hours.length === 0) return <p className="text-sm text-slate-600">No slots in this selection.</p>;
  const shade = (u: number | null) => {
    if (u === null || u === 0) return "bg-slate-50 text-slate-500";
    if (u < 0.25) return "bg-moby-50 text-ink";
    if (u < 0.5) return "bg-moby-100 text-ink";
    if (u < 0.75) return "bg-moby-500 text-white";
    return "bg-moby-700 text-white";
  };
  return (
    // relative: the cells' screen-reader text is absolutely positioned and must scroll with the table, not widen the page.
    <div className="relative overflow-x-auto">
      <table className="border-separate border-spacing-1 text-xs tabular-nums" data-testid="heatmap">
        <caption className="sr-only">Table utilisation by area and hour</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 text-left text-slate-500">
              Area
            </th>
            {tables.hours.map((h) => (
              <th key={h} scope="col" className="w-14 text-center font-medium text-slate-500">
                {String(h).padStart(2, "0")}:00
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tables.areas.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="whitespace-nowrap px-2 text-left font-semibold text-slate-700">
                {a.name} <span className="font-normal text-slate-500">({a.tables})</span>
              </th>
              {a.cells.map((c) => (
                <td key={c.hour} className={`rounded-md px-1 py-2 text-center ${shade(c.utilisation)}`} title={`${c.booked} of ${c.capacity} table-slots`}>
                  {percent(c.utilisation)}
                  <span className="sr-only">
                    , {c.booked} of {c.capacity} table-slots
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { type ReactNode, useId, useState } from "react";

export interface DataTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * A chart with its data as a table behind it: screen readers always get the table (the drawing is
 * hidden from them), and anyone can switch the view to the table. The CSV link downloads the same
 * table with the page's filters.
 */
export function ChartFigure({ title, summary, table, csvHref, children }: { title: string; summary: string; table: DataTable; csvHref?: string; children: ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="relative min-w-0 space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`${id}-title`} className="font-semibold text-ink">
            {title}
          </h3>
          <figcaption className="text-sm text-slate-600">{summary}</figcaption>
        </div>
        <div className="flex gap-2 text-sm">
          <button
            type="button"
            className="rounded-md px-2 py-1 font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
          >
            {asTable ? "Show chart" : "Show table"}
          </button>
          {csvHref ? (
            <a className="rounded-md px-2 py-1 font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csvHref} download>
              CSV
            </a>
          ) : null}
        </div>
      </div>
      {asTable ? null : (
        <div aria-hidden="true" className="h-60 w-full">
          {children}
        </div>
      )}
      <div className={asTable ? "overflow-x-auto" : "sr-only"}>
        <DataTableView caption={title} table={table} />
      </div>
    </figure>
  );
}

export function DataTableView({ caption, table, testId }: { caption: string; table: DataTable; testId?: string }) {
  return (
    <table className="w-full text-left text-sm tabular-nums" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          {table.columns.map((c) => (
            <th key={c} scope="col" className="px-2 py-1 font-semibold">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.columns.length} className="px-2 py-2 text-slate-500">
              Nothing yet.
            </td>
          </tr>
        ) : (
          table.rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a figure have no identity of their own
            <tr key={i} className="border-b border-slate-100 last:border-0">
              {r.map((cell, j) =>
                j === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <th key={j} scope="row" className="px-2 py-1 font-medium text-slate-800">
                    {cell ?? "—"}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={j} className="px-2 py-1 text-slate-700">
                    {cell ?? "—"}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

"use client";

import { useState } from "react";
import type { ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, TextInput } from "@/components/ui/field";
import type { AreaView, TableView } from "@/lib/organizer/schema";
import { useApiAction } from "@/components/use-api-action";

/** Validation problems name the field; conflicts (409) say what clashed in their message. */
function explain(error: ApiError | null): string | null {
  if (!error) return null;
  return error.code === "VALIDATION_FAILED" ? (error.fields?.seats ?? error.fields?.label ?? error.fields?.name ?? error.message) : error.message;
}

const small = "rounded-lg px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-moby-600";

function TableRow({ table }: { table: TableView }) {
  const { run, error, busy } = useApiAction();
  const [label, setLabel] = useState(table.label);
  const [seats, setSeats] = useState(table.seats);
  const dirty = label !== table.label || seats !== table.seats;
  return (
    <li className="py-2" data-testid="table-row">
      <div className="flex flex-wrap items-center gap-2">
        <input aria-label="Table label" value={label} onChange={(e) => setLabel(e.target.value)} className={`${small} w-20 font-semibold`} />
        <label className="flex items-center gap-1 text-sm text-slate-600">
          <input aria-label="Seats" type="number" min={1} max={12} value={seats} onChange={(e) => setSeats(Number(e.target.value))} className={`${small} w-16`} />
          seats
        </label>
        {table.liveSessions > 0 ? <span className="text-xs text-amber-700">{table.liveSessions} upcoming</span> : null}
        <span className="ml-auto flex gap-1">
          {dirty ? (
            <Button
              variant="secondary"
              className="px-3 py-1"
              disabled={busy}
              onClick={() => void run(`/api/v1/organizer/tables/${table.id}`, { method: "PATCH", body: { label, seats } })}
            >
              Save
            </Button>
          ) : null}
          <Button
            variant="ghost"
            className="px-3 py-1 text-red-700"
            disabled={busy}
            aria-label={`Delete table ${table.label}`}
            onClick={() => confirm(`Delete table ${table.label}?`) && void run(`/api/v1/organizer/tables/${table.id}`, { method: "DELETE" })}
          >
            Delete
          </Button>
        </span>
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {explain(error)}
        </p>
      ) : null}
    </li>
  );
}

function AreaCard({ area }: { area: AreaView }) {
  const edit = useApiAction();
  const add = useApiAction();
  const [name, setName] = useState(area.name);
  const [location, setLocation] = useState(area.location);
  const [label, setLabel] = useState("");
  const [seats, setSeats] = useState(2);
  const dirty = name !== area.name || location !== area.location;
  return (
    <Card className="space-y-3">
      <div data-testid="area-card" data-area={area.name} className="space-y-3">
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void edit.run(`/api/v1/organizer/areas/${area.id}`, { method: "PATCH", body: { name, location } });
          }}
        >
          <label className="flex-1 text-sm font-medium text-slate-800">
            Area name
            <TextInput value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="flex-1 text-sm font-medium text-slate-800">
            Where to find it
            <TextInput value={location} onChange={(e) => setLocation(e.target.value)} placeholder="Level 1, beside the Expo entrance" />
          </label>
          <div className="flex gap-2">
            <Button type="submit" variant="secondary" disabled={!dirty || edit.busy}>
              Save area
            </Button>
            <Button
              type="button"
              variant="ghost"
              className="text-red-700"
              disabled={edit.busy}
              onClick={() => confirm(`Delete "${area.name}" and its tables?`) && void edit.run(`/api/v1/organizer/areas/${area.id}`, { method: "DELETE" })}
            >
              Delete
            </Button>
          </div>
        </form>
        <FormError message={explain(edit.error)} />
        <ul className="divide-y divide-slate-100 border-t border-slate-100">
          {area.tables.map((t) => (
            <TableRow key={`${t.id}-${t.label}-${t.seats}`} table={t} />
          ))}
        </ul>
        <form
          className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if ((await add.run(`/api/v1/organizer/areas/${area.id}/tables`, { method: "POST", body: { label, seats } })).ok) setLabel("");
          }}
        >
          <input
            aria-label={`New table label in ${area.name}`}
            placeholder="Label, e.g. A7"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            className={`${small} w-36`}
            required
          />
          <label className="flex items-center gap-1 text-sm text-slate-600">
            <input aria-label="New table seats" type="number" min={1} max={12} value={seats} onChange={(e) => setSeats(Number(e.target.value))} className={`${small} w-16`} />
            seats
          </label>
          <Button type="submit" className="px-3 py-1" disabled={add.busy}>
            Add table
          </Button>
        </form>
        <FormError message={explain(add.error)} />
      </div>
    </Card>
  );
}

export function AreasEditor({ areas }: { areas: AreaView[] }) {
  const { run, error, busy } = useApiAction();
  const [name, setName] = useState("");
  const [location, setLocation] = useState("");
  return (
    <div className="space-y-4">
      {areas.map((a) => (
        <AreaCard key={`${a.id}-${a.name}-${a.location}`} area={a} />
      ))}
      <Card>
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={async (e) => {
            e.preventDefault();
            if ((await run("/api/v1/organizer/areas", { method: "POST", body: { name, location } })).ok) {
              setName("");
              setLocation("");
            }
          }}
        >
          <label className="flex-1 text-sm font-medium text-slate-800">
            New area
            <TextInput value={name} onChange={(e) => setName(e.target.value)} placeholder="Moby Mingle — Hall C" required />
          </label>
          <label className="flex-1 text-sm font-medium text-slate-800">
            Where to find it
            <TextInput value={location} onChange={(e) => setLocation(e.target.value)} />
          </label>
          <Button type="submit" disabled={busy}>
            Add area
          </Button>
        </form>
        <div className="mt-2">
          <FormError message={error?.message} />
        </div>
      </Card>
    </div>
  );
}

"use client";

import { DateTime } from "luxon";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { apiFetch } from "@/components/api-client";
import { useLiveRefresh } from "@/components/booking/use-live-refresh";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { FormError, SearchInput } from "@/components/ui/field";
import type { SessionListView, SessionView } from "@/lib/booking/schema";
import type { DashboardView } from "@/lib/organizer/schema";
import { GridLegend, OccupancyGrid } from "./occupancy-grid";
import { CancelPanel, MovePanel } from "./session-panels";

export type Table = DashboardView["grid"]["tables"][number];
type Panel = { sessionId: string; kind: "cancel" | "move" } | null;

interface Props {
  timeZone: string;
  /** Conference days (YYYY-MM-DD, conference zone), in order. */
  days: string[];
  /** The day the occupancy grid shows (today at the conference) and the list opens on. */
  gridDay: string;
  grid: DashboardView["grid"];
  now: number;
  initialSessions: SessionView[];
}

const dayChip = (day: string) => DateTime.fromISO(day, { zone: "utc" }).setLocale("en-GB").toFormat("ccc d LLL");
const live = (s: SessionView) => s.status === "PENDING" || s.status === "ACCEPTED";
const byTime = (a: SessionView, b: SessionView) =>
  a.slot.startsAt.localeCompare(b.slot.startsAt) || (a.table?.label ?? "~").localeCompare(b.table?.label ?? "~", "en", { numeric: true });

/** Tables with no live session in the session's slot, by what the list knows (the API has the last word). */
export function freeTablesFor(session: SessionView, sessions: readonly SessionView[], tables: readonly Table[]): Table[] {
  const taken = new Set(sessions.filter((s) => s.slot.id === session.slot.id && live(s) && s.table).map((s) => s.table!.id));
  return tables.filter((t) => !taken.has(t.id) && t.id !== session.table?.id);
}

/**
 * The desk's working view: today's occupancy grid (a booked cell opens that session) and a day's
 * sessions, each with "Cancel for them" and "Move to table…". Changes land in place; the server
 * part of the page (counts, grid, audit trail) is refreshed without a reload.
 */
export function DeskSessions({ timeZone, days, gridDay, grid, now, initialSessions }: Props) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [day, setDay] = useState(gridDay);
  const [sessions, setSessions] = useState<SessionView[]>(initialSessions);
  // Sessions closed from this page stay listed (struck through) until the day changes, so the desk sees the result.
  const [closed, setClosed] = useState<Map<string, SessionView>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState("");
  const [panel, setPanel] = useState<Panel>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  // The day the latest fetch is for; only pickDay changes it, so a late answer for another day is dropped.
  const dayRef = useRef(gridDay);

  const load = useCallback(async (which: string, quiet = true) => {
    if (!quiet) setLoading(true);
    const res = await apiFetch<SessionListView>(`/api/v1/organizer/sessions?day=${encodeURIComponent(which)}`);
    if (dayRef.current !== which) return; // the organizer already picked another day
    setLoading(false);
    if (!res.ok) {
      setLoadError(res.error.message);
      return;
    }
    setLoadError(null);
    setSessions(res.data.sessions);
  }, []);

  useLiveRefresh(
    ["availability:changed"],
    () => {
      void load(dayRef.current);
      startTransition(() => router.refresh());
    },
    800,
  );

  function pickDay(next: string) {
    if (next === day) return;
    setDay(next);
    setClosed(new Map());
    setPanel(null);
    dayRef.current = next;
    void load(next, false);
  }

  function openFromGrid(sessionId: string) {
    if (day !== gridDay) pickDay(gridDay);
    setFilter("");
    setPanel(null);
    setFocusId(sessionId);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when sessions arrive, so the row can be found
  useEffect(() => {
    if (!focusId) return;
    const row = document.getElementById(`desk-session-${focusId}`);
    if (!row) return; // the day is still loading; runs again when sessions arrive
    row.scrollIntoView({ behavior: "smooth", block: "center" });
    row.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
    setFocusId(null);
  }, [focusId, sessions]);

  function applied(view: SessionView) {
    if (live(view)) setSessions((list) => list.map((s) => (s.id === view.id ? view : s)));
    else {
      setClosed((m) => new Map(m).set(view.id, view));
      setSessions((list) => list.filter((s) => s.id !== view.id));
    }
    setPanel(null);
    startTransition(() => router.refresh());
  }

  const shown = useMemo(() => {
    const all = [...sessions.filter((s) => !closed.has(s.id)), ...closed.values()].sort(byTime);
    const q = filter.trim().toLowerCase();
    if (!q) return all;
    return all.filter((s) => [s.requester.name, s.expert.name, s.offer.title, s.table?.label ?? ""].some((v) => v.toLowerCase().includes(q)));
  }, [sessions, closed, filter]);

  const liveCount = sessions.length;
  return (
    <>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold text-ink">Tables today</h2>
          <GridLegend />
        </div>
        <OccupancyGrid grid={grid} now={now} onPick={openFromGrid} />
        {grid.sessions.length > 0 ? <p className="text-xs text-slate-500">Tap a booked cell to cancel or move that session.</p> : null}
      </Card>

      <Card className="space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <h2 className="text-lg font-semibold text-ink" id="desk-sessions-title">
              Sessions
            </h2>
            <p className="text-xs text-slate-500">Live requests and agreed sessions · times in {timeZone}</p>
          </div>
          <fieldset className="flex min-w-0 flex-wrap gap-2" aria-label="Day">
            {days.map((d) => (
              <button
                key={d}
                type="button"
                onClick={() => pickDay(d)}
                aria-pressed={d === day}
                data-day={d}
                className={`rounded-lg px-3 py-1.5 text-sm font-semibold tabular-nums ${d === day ? "bg-ink text-white" : "text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
              >
                {dayChip(d)}
              </button>
            ))}
          </fieldset>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <SearchInput
            value={filter}
            onValue={setFilter}
            placeholder="Find by name, topic or table"
            label="Find a session by name, topic or table"
            className="w-full sm:max-w-xs"
          />
          <p className="text-sm text-slate-600" role="status" data-testid="desk-session-count">
            {loading ? "Loading…" : `${liveCount} live session${liveCount === 1 ? "" : "s"} on ${dayChip(day)}`}
          </p>
        </div>
        <FormError message={loadError} />
        {shown.length === 0 && !loading ? (
          <p className="text-sm text-slate-600">{filter ? "No session matches." : "No requests or sessions on this day."}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-labelledby="desk-sessions-title" data-testid="desk-sessions">
            {shown.map((s) => (
              <SessionRow
                key={s.id}
                session={s}
                timeZone={timeZone}
                panel={panel?.sessionId === s.id ? panel.kind : null}
                onPanel={(kind) => setPanel(kind ? { sessionId: s.id, kind } : null)}
                freeTables={freeTablesFor(s, sessions, grid.tables)}
                onApplied={applied}
                onStale={() => void load(dayRef.current)}
              />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function StatusBadge({ s }: { s: SessionView }) {
  if (s.status === "CANCELLED") return <Badge tone="red">Cancelled</Badge>;
  if (s.status !== "PENDING" && s.status !== "ACCEPTED") return <Badge>{s.status.toLowerCase()}</Badge>;
  if (s.phase === "past") return <Badge>Over</Badge>;
  if (s.phase === "now") return <Badge tone="moby">Now</Badge>;
  return s.status === "ACCEPTED" ? <Badge tone="green">Agreed</Badge> : <Badge tone="amber">Pending</Badge>;
}

interface RowProps {
  session: SessionView;
  timeZone: string;
  panel: "cancel" | "move" | null;
  onPanel: (kind: "cancel" | "move" | null) => void;
  freeTables: Table[];
  onApplied: (view: SessionView) => void;
  onStale: () => void;
}

function SessionRow({ session: s, timeZone, panel, onPanel, freeTables, onApplied, onStale }: RowProps) {
  const start = DateTime.fromISO(s.slot.startsAt).setZone(timeZone);
  const end = DateTime.fromISO(s.slot.endsAt).setZone(timeZone);
  const actionable = live(s) && s.phase !== "past";
  const isClosed = !live(s);
  return (
    <li id={`desk-session-${s.id}`} className="py-3" data-testid="desk-session" data-session-id={s.id} data-status={s.status}>
      <div className="grid gap-x-4 gap-y-1 sm:grid-cols-[6.5rem_9rem_1fr_auto] sm:items-center">
        <p className="font-semibold tabular-nums text-ink" data-testid="desk-session-time">
          {start.toFormat("HH:mm")}–{end.toFormat("HH:mm")}
        </p>
        <p className="text-sm text-slate-700" data-testid="desk-session-table">
          {s.table ? (
            <>
              <span className="font-semibold">Table {s.table.label}</span>
              <span className="text-slate-500 sm:block sm:truncate sm:text-xs" title={s.table.area.location || undefined}>
                <span className="sm:hidden"> · </span>
                {s.table.area.name}
              </span>
            </>
          ) : (
            <span className="text-slate-500">no table yet</span>
          )}
        </p>
        <div className={`min-w-0 text-sm ${isClosed ? "text-slate-500" : "text-slate-800"}`}>
          <p className="sm:truncate">
            <span className="font-medium">{s.requester.name}</span> <span className="text-slate-500">with</span> <span className="font-medium">{s.expert.name}</span>{" "}
            <span className="text-slate-500">(expert)</span>
          </p>
          <p className="text-xs text-slate-500 sm:truncate">“{s.offer.title}”</p>
          {isClosed && s.closedReason ? <p className="text-xs text-red-700">Reason: {s.closedReason}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:justify-end">
          <StatusBadge s={s} />
          {actionable && s.status === "ACCEPTED" ? (
            <Button variant="secondary" className="px-3 py-1.5" aria-expanded={panel === "move"} onClick={() => onPanel(panel === "move" ? null : "move")}>
              Move to table…
            </Button>
          ) : null}
          {actionable ? (
            <Button variant="secondary" className="px-3 py-1.5 text-red-700" aria-expanded={panel === "cancel"} onClick={() => onPanel(panel === "cancel" ? null : "cancel")}>
              Cancel for them
            </Button>
          ) : null}
        </div>
      </div>
      {panel === "cancel" ? <CancelPanel session={s} when={`${start.toFormat("ccc d LLL, HH:mm")}`} onDone={onApplied} onClose={() => onPanel(null)} onStale={onStale} /> : null}
      {panel === "move" ? <MovePanel session={s} freeTables={freeTables} onDone={onApplied} onClose={() => onPanel(null)} onStale={onStale} /> : null}
    </li>
  );
}

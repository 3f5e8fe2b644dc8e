"use client";

import { DateTime } from "luxon";
import { useCallback, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/components/api-client";
import { useLiveRefresh } from "@/components/booking/use-live-refresh";
import { Badge } from "@/components/ui/card";
import type { AnalyticsView, CsvTable } from "@/lib/analytics/schema";
import { ChartFigure, type DataTable, DataTableView } from "./chart-figure";
import { Heatmap, PeopleList, Section, SimpleBar, Tiles } from "./analytics-parts";
import { dayLabel, duration, percent, plural } from "./format";

const COLORS = { blue: "#1d7fcc", green: "#16a34a", amber: "#d97706", red: "#dc2626", slate: "#64748b", violet: "#7c3aed", sky: "#38bdf8" };

type Filter = { day: string; areaId: string };

function query(f: Filter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.day) q.set("day", f.day);
  if (f.areaId) q.set("areaId", f.areaId);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * The organizer's Analytics page: filters, six sections of charts, each with its table and CSV.
 * While the event runs it follows the desk's pattern: every booking change (`availability:changed`)
 * refetches the figures for the filter shown.
 */
export function AnalyticsBoard({ initial }: { initial: AnalyticsView }) {
  const [view, setView] = useState(initial);
  const [filter, setFilter] = useState<Filter>({ day: initial.filter.day ?? "", areaId: initial.filter.areaId ?? "" });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(filter);

  const load = useCallback(async (f: Filter) => {
    const res = await apiFetch<AnalyticsView>(`/api/v1/organizer/analytics${query(f)}`);
    if (latest.current !== f) return; // another filter was picked meanwhile
    setLoading(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setView(res.data);
  }, []);

  const pick = (patch: Partial<Filter>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setFilter(next);
    setLoading(true);
    void load(next);
  };
  useLiveRefresh(["availability:changed"], () => void load(latest.current), 300);

  const csv = (table: CsvTable) => `/api/v1/organizer/analytics/export${query(filter, { table })}`;
  const notes = (section: string) => view.notes.filter((n) => n.section === section).map((n) => n.text);
  const { funnel, held, people, tables, topics, labs } = view;

  const outcomes: DataTable = {
    columns: ["Outcome", "Requests"],
    rows: [
      ["Pending", funnel.pending],
      ["Accepted", funnel.accepted],
      ["Declined", funnel.declined],
      ["Expired", funnel.expired],
      ["Withdrawn", funnel.withdrawn],
      ["Cancelled", funnel.cancelled],
    ],
  };
  const cancellations: DataTable = {
    columns: ["By", "After accepting", "Before an answer"],
    rows: funnel.cancellations.map((c) => [c.by, c.afterAccepting, c.beforeAnswer]),
  };
  const checkIns: DataTable = {
    columns: ["Held sessions", "Sessions"],
    rows: [
      ["Both checked in", held.checkedInBoth],
      ["One checked in", held.checkedInOne],
      ["Nobody checked in", held.checkedInNone],
      ["Both said it happened", held.confirmedByBoth],
      ["No-shows", held.noShows],
      ["Nobody answered", held.unanswered],
    ],
  };
  const ratings: DataTable = { columns: ["Stars", "Ratings"], rows: held.ratings.map((r) => [`${r.stars} ★`, r.count]) };
  const meetings: DataTable = { columns: ["Agreed sessions", "Attendees"], rows: people.meetingsPerAttendee.map((m) => [m.meetings, m.attendees]) };
  const topTopics = topics.tags.slice(0, 12);
  const topicTable: DataTable = {
    columns: ["Topic", "Offers", "People offering", "People seeking", "Requests", "Accepted", "Searches that found nothing", "Gap"],
    rows: topics.tags.map((t) => [t.label, t.offers, t.offering, t.seeking, t.requests, t.accepted, t.missedSearches, t.gap]),
  };
  const labTable: DataTable = {
    columns: ["Template @ engine", "Launched", "Reached a shell", "Failed", "Lost", "In sessions", "Median time to a shell"],
    rows: labs.rows.map((l) => [`${l.template} @ ${l.engineId}`, l.launched, l.ready, l.failed, l.lost, l.inSessions, duration(l.medianSecondsToShell)]),
  };

  return (
    <div className="space-y-8" data-testid="analytics-board" aria-busy={loading}>
      <div className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-wrap gap-3">
          <label className="text-sm font-medium text-slate-700">
            Day
            <select
              className="mt-1 block rounded-lg border-slate-300 px-2 py-1.5 ring-1 ring-slate-300"
              value={filter.day}
              onChange={(e) => pick({ day: e.target.value })}
              data-testid="day-filter"
            >
              <option value="">All days</option>
              {view.conference.days.map((d) => (
                <option key={d} value={d}>
                  {dayLabel(d)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-700">
            Area
            <select
              className="mt-1 block rounded-lg px-2 py-1.5 ring-1 ring-slate-300"
              value={filter.areaId}
              onChange={(e) => pick({ areaId: e.target.value })}
              data-testid="area-filter"
            >
              <option value="">All areas</option>
              {view.conference.areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span aria-live="polite" data-testid="analytics-updated">
            {loading ? "Updating…" : `Live · updated ${DateTime.fromISO(view.generatedAt).setZone(view.conference.timeZone).toFormat("HH:mm:ss")}`}
          </span>
          <a className="rounded-md px-2 py-1 font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("sessions")} download>
            Sessions CSV
          </a>
        </div>
      </div>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <Section title="Requests and answers" notes={notes("funnel")}>
        <Tiles
          testId="funnel-tiles"
          items={[
            ["Requests", String(funnel.requests)],
            ["Acceptance rate", percent(funnel.acceptanceRate)],
            ["Median time to answer", duration(funnel.medianAnswerSeconds)],
            ["Reschedules", `${funnel.reschedules.requester + funnel.reschedules.expert} (${funnel.reschedules.requester} by requesters, ${funnel.reschedules.expert} by experts)`],
          ]}
        />
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartFigure
            title="What became of the requests"
            summary={`${plural(funnel.requests, "request")}; ${funnel.everAccepted} agreed at some point.`}
            table={outcomes}
            csvHref={csv("funnel")}
          >
            <SimpleBar data={outcomes.rows.map(([name, value]) => ({ name: String(name), value: Number(value) }))} color={COLORS.blue} label="Requests" />
          </ChartFigure>
          <ChartFigure title="Cancellations by whom" summary={`${funnel.proposals} other times proposed.`} table={cancellations} csvHref={csv("cancellations")}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={funnel.cancellations.map((c) => ({ name: c.by, after: c.afterAccepting, before: c.beforeAnswer }))}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} width={32} />
                <Tooltip />
                <Legend />
                <Bar isAnimationActive={false} dataKey="after" name="After accepting" stackId="c" fill={COLORS.red} />
                <Bar isAnimationActive={false} dataKey="before" name="Before an answer" stackId="c" fill={COLORS.amber} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
        </div>
      </Section>

      <Section title="Did they happen?" notes={notes("held")}>
        <Tiles
          testId="held-tiles"
          items={[
            ["Held (slot over)", String(held.due)],
            ["Both checked in", String(held.checkedInBoth)],
            ["No-shows", String(held.noShows)],
            ["Average rating", held.ratingAverage === null ? "—" : `${held.ratingAverage} ★`],
          ]}
        />
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartFigure title="Check-ins and answers" summary={`${held.happenedYes} said it happened, ${held.happenedNo} said it did not.`} table={checkIns} csvHref={csv("held")}>
            <SimpleBar data={checkIns.rows.map(([name, value]) => ({ name: String(name), value: Number(value) }))} color={COLORS.green} label="Sessions" />
          </ChartFigure>
          <ChartFigure title="Ratings" summary={held.ratingAverage === null ? "No ratings yet." : `Average ${held.ratingAverage} of 5.`} table={ratings} csvHref={csv("ratings")}>
            <SimpleBar data={ratings.rows.map(([name, value]) => ({ name: String(name), value: Number(value) }))} color={COLORS.amber} label="Ratings" />
          </ChartFigure>
        </div>
      </Section>

      <Section title="People" notes={[]}>
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartFigure
            title="Agreed sessions per attendee"
            summary={`${people.attendees} attendees, ${people.averageMeetings ?? 0} sessions each on average; ${people.neverBooked.count} never booked.`}
            table={meetings}
            csvHref={csv("meetings")}
          >
            <SimpleBar data={meetings.rows.map(([name, value]) => ({ name: String(name), value: Number(value) }))} color={COLORS.violet} label="Attendees" />
          </ChartFigure>
          <div className="space-y-3 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-2">
              <div>
                <h3 className="font-semibold text-ink">Experts by requests received</h3>
                <p className="text-sm text-slate-600">
                  {people.overloadedExperts} overloaded (turned down more than they took), {people.idleExperts.count} idle (an open offer, no request).
                </p>
              </div>
              <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("experts")} download>
                CSV
              </a>
            </div>
            <div className="max-h-72 overflow-auto">
              <table className="w-full text-left text-sm tabular-nums" data-testid="experts-table">
                <caption className="sr-only">Experts by requests received</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    {["Expert", "Received", "Accepted", "Declined", "Expired", "Load"].map((c) => (
                      <th key={c} scope="col" className="px-2 py-1">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {people.experts.map((e) => (
                    <tr key={e.id} className="border-b border-slate-100">
                      <th scope="row" className="px-2 py-1 font-medium">
                        {e.name}
                      </th>
                      <td className="px-2 py-1">{e.received}</td>
                      <td className="px-2 py-1">{e.accepted}</td>
                      <td className="px-2 py-1">{e.declined}</td>
                      <td className="px-2 py-1">{e.expired}</td>
                      <td className="px-2 py-1">
                        <Badge tone={e.load === "overloaded" ? "red" : e.load === "busy" ? "amber" : "slate"}>{e.load}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <PeopleList title="Idle experts" what="have an open offer and received no request" list={people.idleExperts} />
          <PeopleList title="Never booked" what="attendees are in no session, as requester or expert" list={people.neverBooked} csvHref={csv("never-booked")} />
        </div>
      </Section>

      <Section title="Tables" notes={notes("tables")}>
        <div className="space-y-3 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-start justify-between gap-2">
            <div>
              <h3 className="font-semibold text-ink">Utilisation by area and hour</h3>
              <p className="text-sm text-slate-600">Booked table-slots out of all table-slots, hours in {view.conference.timeZone}.</p>
            </div>
            <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("heatmap")} download>
              CSV
            </a>
          </div>
          <Heatmap tables={tables} />
        </div>
        <div className="space-y-3 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-start justify-between gap-2">
            <div>
              <h3 className="font-semibold text-ink">Slots where tables ran out</h3>
              <p className="text-sm text-slate-600">{tables.refusedNoTable} accepts or moves refused because no table was free.</p>
            </div>
            <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("full-slots")} download>
              CSV
            </a>
          </div>
          <div className="max-h-64 overflow-auto">
            <DataTableView
              caption="Slots where tables ran out"
              testId="full-slots-table"
              table={{ columns: ["Slot", "Tables booked", "Tables", "Refused: no table"], rows: tables.fullSlots.map((f) => [f.label, f.booked, f.tables, f.refusedNoTable]) }}
            />
          </div>
        </div>
      </Section>

      <Section title="Topics: supply and demand" notes={notes("topics")}>
        <ChartFigure
          title="Most wanted topics"
          summary="Supply (offers and people offering) against demand (people seeking, requests, searches that found nothing)."
          table={topicTable}
          csvHref={csv("topics")}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={topTopics.map((t) => ({ name: t.label, supply: t.offers + t.offering, demand: t.seeking + t.requests + t.missedSearches }))}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={60} tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} width={32} />
              <Tooltip />
              <Legend verticalAlign="top" />
              <Bar isAnimationActive={false} dataKey="supply" name="Supply" fill={COLORS.green} />
              <Bar isAnimationActive={false} dataKey="demand" name="Demand" fill={COLORS.red} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
        <div className="space-y-3 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-start justify-between gap-2">
            <div>
              <h3 className="font-semibold text-ink">Searches that found nothing</h3>
              <p className="text-sm text-slate-600">{topics.missedSearchTotal} in all: whom to recruit.</p>
            </div>
            <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("missed-searches")} download>
              CSV
            </a>
          </div>
          <DataTableView
            caption="Searches that found nothing"
            table={{ columns: ["Search", "Times"], rows: topics.missedSearches.map((m) => [m.query || "(a tag filter only)", m.count]) }}
          />
        </div>
      </Section>

      <Section title="Labs" notes={notes("labs")}>
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartFigure title="Labs per template and engine" summary={`${labs.launched} launched.`} table={labTable} csvHref={csv("labs")}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={labs.rows.map((l) => ({
                  name: `${l.template} @ ${l.engineId}`,
                  ready: l.ready,
                  failed: l.failed + l.lost,
                  other: Math.max(0, l.launched - l.ready - l.failed),
                }))}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} width={32} />
                <Tooltip />
                <Legend />
                <Bar isAnimationActive={false} dataKey="ready" name="Reached a shell" stackId="l" fill={COLORS.green} />
                <Bar isAnimationActive={false} dataKey="failed" name="Failed or lost" stackId="l" fill={COLORS.red} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
          <div className="space-y-3 min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-2">
              <h3 className="font-semibold text-ink">Failures and their reasons</h3>
              <a className="rounded-md px-2 py-1 text-sm font-medium text-moby-700 ring-1 ring-slate-300 hover:bg-slate-50" href={csv("lab-failures")} download>
                CSV
              </a>
            </div>
            <DataTableView
              caption="Lab failures and their reasons"
              table={{ columns: ["Reason", "Status", "Labs"], rows: labs.failures.map((f) => [f.reason, f.status, f.count]) }}
            />
          </div>
        </div>
      </Section>
      <p className="text-sm text-slate-600">{notes("filters")[0]}</p>
    </div>
  );
}

import { DateTime } from "luxon";
import { AnnouncementForm } from "@/components/organizer/announcement-form";
import { DeskSessions } from "@/components/organizer/desk-sessions";
import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { bookingDeps } from "@/lib/booking/deps";
import { listConferenceSessions } from "@/lib/booking/list-sessions";
import { dashboardDeps } from "@/lib/organizer/deps";
import type { DashboardView } from "@/lib/organizer/schema";
import { getDashboard, getSetup } from "@/lib/organizer/service";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Organizer" };

/** "2026-04-18".."2026-04-20" → each day. */
function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(start, { zone: "utc" }); d.toISODate()! <= end && days.length < 62; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

/** One audit entry as a sentence; session actions name the tables (ids are stored, labels read better). */
function auditText(a: DashboardView["audit"][number], tables: DashboardView["grid"]["tables"]): string {
  const label = (id: unknown) => tables.find((t) => t.id === id)?.label ?? "?";
  const reason = typeof a.details.reason === "string" && a.details.reason ? ` — ${a.details.reason}` : "";
  if (a.action === "session.cancel") return `cancelled a session for its attendees${reason}`;
  if (a.action === "session.reassign_table") return `moved a session from table ${label(a.details.fromTableId)} to table ${label(a.details.toTableId)}${reason}`;
  const title = typeof a.details.title === "string" ? `: “${a.details.title}”` : "";
  if (a.action === "ANNOUNCE")
    return `sent a notice${title}${typeof a.details.recipients === "number" ? ` to ${a.details.recipients} ${a.details.recipients === 1 ? "person" : "people"}` : ""}`;
  return `${a.action.toLowerCase().replace(/_/g, " ")} · ${a.subjectType}${title}${reason}`;
}

const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

export default async function OrganizerPage() {
  const organizer = await requireOrganizer("/organizer");
  const deps = dashboardDeps();
  const [dashboard, setup] = await Promise.all([getDashboard(deps), getSetup(deps)]);
  if (!dashboard.ok) {
    return (
      <div>
        <PageTitle title="Organizer" actions={<OrganizerTabs active="desk" />} />
        <EmptyState title="No conference yet">{dashboard.message}</EmptyState>
      </div>
    );
  }
  const d = dashboard.value;
  const days = setup.ok ? daysBetween(setup.value.startDate, setup.value.endDate) : [];
  const gridDay = d.day ?? days[0] ?? DateTime.now().setZone(d.timeZone).toISODate()!;
  const sessions = await listConferenceSessions(bookingDeps(), organizer, { day: gridDay });
  const stats: Array<[string, number]> = [
    ["Attendees", d.counts.attendees],
    ["Offers", d.counts.offers],
    ["Pending today", d.counts.pendingToday],
    ["Accepted today", d.counts.acceptedToday],
    ["Running labs", d.counts.runningLabs],
  ];
  const now = Date.now();
  return (
    <div className="space-y-6">
      <PageTitle title="Mingle desk" subtitle={d.day ? `${dayLabel(d.day)} · times in ${d.timeZone}` : undefined} actions={<OrganizerTabs active="desk" />} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="organizer-counts">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums text-ink">{value}</dd>
          </div>
        ))}
      </dl>
      <DeskSessions
        timeZone={d.timeZone}
        days={days.length > 0 ? days : [gridDay]}
        gridDay={gridDay}
        grid={d.grid}
        now={now}
        initialSessions={sessions.ok ? sessions.value.sessions : []}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold text-ink">Recent organizer actions</h2>
          {d.audit.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing yet. Cancellations, table moves and notices done for attendees are listed here.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="audit-list">
              {d.audit.map((a) => (
                <li key={a.id} className="py-2">
                  <p>
                    <span className="font-semibold">{a.actor}</span> · {auditText(a, d.grid.tables)}
                  </p>
                  <p className="text-xs text-slate-500">{new Date(a.at).toLocaleString("en-GB", { timeZone: d.timeZone, dateStyle: "medium", timeStyle: "short" })}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold text-ink">Send a notice</h2>
          <AnnouncementForm />
        </Card>
      </div>
    </div>
  );
}

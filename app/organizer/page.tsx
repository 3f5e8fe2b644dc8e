import { AnnouncementForm } from "@/components/organizer/announcement-form";
import { GridLegend, OccupancyGrid } from "@/components/organizer/occupancy-grid";
import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { dashboardDeps } from "@/lib/organizer/deps";
import { getDashboard } from "@/lib/organizer/service";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Organizer" };

const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

export default async function OrganizerPage() {
  await requireOrganizer("/organizer");
  const dashboard = await getDashboard(dashboardDeps());
  if (!dashboard.ok) {
    return (
      <div>
        <PageTitle title="Organizer" actions={<OrganizerTabs active="desk" />} />
        <EmptyState title="No conference yet">{dashboard.message}</EmptyState>
      </div>
    );
  }
  const d = dashboard.value;
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
      <Card className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold text-ink">Tables today</h2>
          <GridLegend />
        </div>
        <OccupancyGrid grid={d.grid} now={now} />
      </Card>
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
                    <span className="font-semibold">{a.actor}</span> · {a.action.toLowerCase().replace(/_/g, " ")} · {a.subjectType}
                    {typeof a.details.title === "string" ? <>: “{a.details.title}”</> : null}
                    {typeof a.details.reason === "string" ? <> — {a.details.reason}</> : null}
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

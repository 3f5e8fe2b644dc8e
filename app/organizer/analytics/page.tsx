import { AnalyticsBoard } from "@/components/analytics/analytics-board";
import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { EmptyState, PageTitle } from "@/components/ui/card";
import { analyticsDeps } from "@/lib/analytics/deps";
import { getAnalytics } from "@/lib/analytics/get-analytics";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  await requireOrganizer("/organizer/analytics");
  const result = await getAnalytics(analyticsDeps(), {});
  return (
    <div>
      <PageTitle
        title="Analytics"
        subtitle={result.ok ? `${result.value.conference.name} · times in ${result.value.conference.timeZone}` : undefined}
        actions={<OrganizerTabs active="analytics" />}
      />
      {result.ok ? <AnalyticsBoard initial={result.value} /> : <EmptyState title="Nothing to show yet">{result.message}</EmptyState>}
    </div>
  );
}

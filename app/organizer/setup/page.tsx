import { AreasEditor } from "@/components/organizer/areas-editor";
import { ConferenceForm } from "@/components/organizer/conference-form";
import { GenerateSlots } from "@/components/organizer/generate-slots";
import { HoursEditor } from "@/components/organizer/hours-editor";
import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { Card, EmptyState, PageTitle } from "@/components/ui/card";
import { organizerDeps } from "@/lib/organizer/deps";
import { getSetup } from "@/lib/organizer/service";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set-up" };

export default async function SetupPage() {
  await requireOrganizer("/organizer/setup");
  const setup = await getSetup(organizerDeps());
  if (!setup.ok) return <EmptyState title="No conference yet">{setup.message}</EmptyState>;
  const s = setup.value;
  return (
    <div className="space-y-6">
      <PageTitle title="Set-up" subtitle="The conference, its mingle hours, areas and tables." actions={<OrganizerTabs active="setup" />} />
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-ink">Conference</h2>
        <ConferenceForm key={`${s.name}${s.timeZone}${s.startDate}${s.endDate}${s.slotMinutes}`} setup={s} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold text-ink">Mingle hours</h2>
          <HoursEditor key={`${s.startDate}${s.endDate}${JSON.stringify(s.hours)}`} setup={s} />
        </Card>
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold text-ink">Slots</h2>
          <GenerateSlots slots={s.slots} />
        </Card>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold text-ink">Areas and tables</h2>
        <AreasEditor areas={s.areas} />
      </section>
    </div>
  );
}

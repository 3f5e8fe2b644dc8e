import { EmptyState, PageTitle } from "@/components/ui/card";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function OrganizerPage() {
  await requireOrganizer("/organizer");
  return (
    <div>
      <PageTitle title="Organizer" subtitle="Set up the conference and watch the mingle." />
      <EmptyState title="Organizer tools">Conference set-up is being built.</EmptyState>
    </div>
  );
}

import { HostsBoard } from "@/components/organizer/hosts-board";
import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { PageTitle } from "@/components/ui/card";
import { hostUseCaseDeps } from "@/lib/hosts/deps";
import { listHosts } from "@/lib/hosts/list-hosts";
import { requireOrganizer } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Lab hosts" };

export default async function HostsPage() {
  await requireOrganizer("/organizer/hosts");
  const list = await listHosts(hostUseCaseDeps());
  return (
    <div className="space-y-6">
      <PageTitle title="Lab hosts" subtitle="The Docker Engines labs run on: their health, load and budget." actions={<OrganizerTabs active="hosts" />} />
      <HostsBoard initial={list.ok ? list.value.hosts : []} />
    </div>
  );
}

import { EmptyState, PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function LabsPage() {
  await requireUser("/labs");
  return (
    <div>
      <PageTitle title="Labs" subtitle="Live sandboxes of real containers." />
      <EmptyState title="No labs yet">Labs are being built.</EmptyState>
    </div>
  );
}

import { EmptyState, PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function OffersPage() {
  await requireUser("/offers");
  return (
    <div>
      <PageTitle title="Offers" subtitle="Expertise people offer for 1-on-1 sessions." />
      <EmptyState title="No offers yet">Offers and search are being built.</EmptyState>
    </div>
  );
}

import { EmptyState, PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function SessionsPage() {
  await requireUser("/sessions");
  return (
    <div>
      <PageTitle title="Sessions" subtitle="Your 1-on-1 mingles." />
      <EmptyState title="No sessions yet">Booking is being built.</EmptyState>
    </div>
  );
}

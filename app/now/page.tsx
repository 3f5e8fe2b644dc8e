import type { Metadata } from "next";
import { AvailableNow } from "@/components/booking/available-now";
import { PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Available now" };

export default async function NowPage() {
  await requireUser("/now");
  return (
    <div>
      <PageTitle title="Available now" subtitle="Free tables and experts in this slot and the next, for a walk-up 1-on-1." />
      <AvailableNow />
    </div>
  );
}

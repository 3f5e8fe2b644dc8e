import type { Metadata } from "next";
import { AvailabilityEditor } from "@/components/booking/availability-editor";
import { PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Availability" };

export default async function AvailabilityPage() {
  await requireUser("/availability");
  return (
    <div>
      <PageTitle title="When you're free" subtitle="Tap the mingle slots you can take 1-on-1s in. People can only request the times you mark." />
      <AvailabilityEditor />
    </div>
  );
}

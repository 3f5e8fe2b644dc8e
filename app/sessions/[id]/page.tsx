import type { Metadata } from "next";
import { SessionDetail } from "@/components/booking/session-detail";
import { PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/sessions/${encodeURIComponent(id)}`);
  return (
    <div>
      <PageTitle title="Session" />
      <SessionDetail sessionId={id} />
    </div>
  );
}

import type { Metadata } from "next";
import { MySessions } from "@/components/booking/my-sessions";
import { PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My sessions" };

export default async function SessionsPage() {
  await requireUser("/sessions");
  return (
    <div>
      <PageTitle title="My sessions" subtitle="Your 1-on-1 mingles: requests, agreed sessions and how they went." />
      <MySessions />
    </div>
  );
}

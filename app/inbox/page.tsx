import { InboxList } from "@/components/notifications/inbox-list";
import { PageTitle } from "@/components/ui/card";
import { notificationDeps } from "@/lib/notifications/deps";
import { listInbox } from "@/lib/notifications/service";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Inbox" };

export default async function InboxPage() {
  const user = await requireUser("/inbox");
  const page = await listInbox(notificationDeps(), user, { limit: 20, unreadOnly: false });
  if (!page.ok) throw new Error(page.message);
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle title="Inbox" subtitle="Requests, answers and reminders about your sessions." />
      <InboxList initial={page.value} />
    </div>
  );
}

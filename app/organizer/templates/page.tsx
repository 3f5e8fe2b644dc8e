import { OrganizerTabs } from "@/components/organizer/organizer-tabs";
import { TemplateReview } from "@/components/templates/template-review";
import { PageTitle } from "@/components/ui/card";
import { requireOrganizer } from "@/lib/session";
import { templateDeps } from "@/lib/templates/deps";
import { listAllTemplates } from "@/lib/templates/list-all-templates";

export const dynamic = "force-dynamic";
export const metadata = { title: "Lab templates" };

export default async function TemplateReviewPage() {
  const organizer = await requireOrganizer("/organizer/templates");
  const list = await listAllTemplates(templateDeps(), organizer);
  return (
    <div className="space-y-6">
      <PageTitle title="Lab templates" subtitle="Experts' own templates: review them, and disable one that should not run." actions={<OrganizerTabs active="templates" />} />
      <TemplateReview initial={list.ok ? list.value.items : []} />
    </div>
  );
}

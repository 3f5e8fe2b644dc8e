import type { Metadata } from "next";
import { MyTemplates } from "@/components/templates/my-templates";
import { PageTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/session";
import { templateDeps } from "@/lib/templates/deps";
import { listMyTemplates } from "@/lib/templates/list-my-templates";

export const metadata: Metadata = { title: "My lab templates" };
export const dynamic = "force-dynamic";

export default async function MyTemplatesPage() {
  const user = await requireUser("/templates");
  const mine = await listMyTemplates(templateDeps(), user);
  if (!mine.ok) throw new Error(mine.message);
  return (
    <div>
      <PageTitle
        title="My lab templates"
        subtitle="Write the lab your guests will type into: LinuxKit YAML with an x-mingle block. Problems show at their line; try a version before you attach it to an offer."
      />
      <MyTemplates initial={mine.value.items} />
    </div>
  );
}

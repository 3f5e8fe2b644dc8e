import type { Metadata } from "next";
import { MyOffers } from "@/components/offers/my-offers";
import { PageTitle } from "@/components/ui/card";
import { labTemplateNames, offerDeps } from "@/lib/offers/deps";
import { listMyOffers } from "@/lib/offers/service";
import { requireUser } from "@/lib/session";
import { curatedTags } from "@/lib/tags/rules";
import { labTemplateNotice } from "@/lib/templates/catalogue";
import { templateDeps } from "@/lib/templates/deps";
import { listMyTemplates } from "@/lib/templates/list-my-templates";

export const metadata: Metadata = { title: "My offers" };
export const dynamic = "force-dynamic";

export default async function MyOffersPage() {
  const user = await requireUser("/offers/mine");
  const mine = await listMyOffers(offerDeps(), user);
  if (!mine.ok) throw new Error(mine.message);
  const own = await listMyTemplates(templateDeps(), user);
  const ownTemplates = (own.ok ? own.value.items : [])
    .filter((t) => !t.disabled)
    .flatMap((t) => [...t.versions].reverse().map((v) => ({ name: v.name, label: `${t.title} — version ${v.number}` })));
  const disabledTemplates = Object.fromEntries(
    mine.value.items.flatMap((o) => {
      const reason = labTemplateNotice(o.labTemplate)?.disabledReason;
      return o.labTemplate && reason !== undefined ? [[o.labTemplate, reason]] : [];
    }),
  );
  return (
    <div>
      <PageTitle title="My offers" subtitle="What you can help with. Pause an offer when you're busy; people can't request a paused offer." />
      <MyOffers
        initial={mine.value.items}
        templates={labTemplateNames()}
        ownTemplates={ownTemplates}
        disabledTemplates={disabledTemplates}
        tags={curatedTags().map((t) => ({ slug: t.slug, label: t.label }))}
      />
    </div>
  );
}

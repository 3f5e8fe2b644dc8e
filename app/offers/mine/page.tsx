import type { Metadata } from "next";
import { MyOffers } from "@/components/offers/my-offers";
import { PageTitle } from "@/components/ui/card";
import { labTemplateNames, offerDeps } from "@/lib/offers/deps";
import { listMyOffers } from "@/lib/offers/service";
import { requireUser } from "@/lib/session";
import { curatedTags } from "@/lib/tags/rules";

export const metadata: Metadata = { title: "My offers" };
export const dynamic = "force-dynamic";

export default async function MyOffersPage() {
  const user = await requireUser("/offers/mine");
  const mine = await listMyOffers(offerDeps(), user);
  if (!mine.ok) throw new Error(mine.message);
  return (
    <div>
      <PageTitle title="My offers" subtitle="What you can help with. Pause an offer when you're busy; people can't request a paused offer." />
      <MyOffers initial={mine.value.items} templates={labTemplateNames()} tags={curatedTags().map((t) => ({ slug: t.slug, label: t.label }))} />
    </div>
  );
}

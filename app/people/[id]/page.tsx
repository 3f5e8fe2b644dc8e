import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OfferCard } from "@/components/offers/offer-card";
import { TagList } from "@/components/offers/offer-badges";
import { Avatar, Badge, Card, EmptyState } from "@/components/ui/card";
import { offerDeps } from "@/lib/offers/deps";
import { listOffersOf } from "@/lib/offers/service";
import { profileDeps } from "@/lib/profiles/deps";
import { profileParams } from "@/lib/profiles/schema";
import { getProfile } from "@/lib/profiles/service";
import { requireUser } from "@/lib/session";
import { RenderedMarkdown } from "@/components/ui/rendered-markdown";

export const metadata: Metadata = { title: "Profile" };
export const dynamic = "force-dynamic";

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = profileParams.safeParse({ userId: (await params).id });
  if (!parsed.success) notFound();
  const id = parsed.data.userId;
  const user = await requireUser(`/people/${id}`);
  const profile = await getProfile(profileDeps(), user, id);
  if (!profile.ok) notFound();
  const p = profile.value;
  const offers = await listOffersOf(offerDeps(), user, id);
  const items = offers.ok ? offers.value.items : [];
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card className="h-fit">
        <div className="flex items-start gap-3">
          <Avatar name={p.name} size="lg" />
          <div className="min-w-0">
            <h1 className="text-xl font-bold text-ink">{p.name}</h1>
            {p.headline ? <p className="text-sm text-slate-700">{p.headline}</p> : null}
            {p.company ? <p className="text-sm text-slate-500">{p.company}</p> : null}
          </div>
        </div>
        {p.email ? (
          <p className="mt-3 text-sm">
            <a className="text-moby-700 hover:underline" href={`mailto:${p.email}`}>
              {p.email}
            </a>
          </p>
        ) : null}
        {p.bioHtml ? <RenderedMarkdown className="mt-4 break-words text-sm text-slate-800" data-testid="bio" html={p.bioHtml} /> : null}
        {p.offerTags.length ? (
          <div className="mt-4 space-y-1">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Can help with</p>
            <TagList tags={p.offerTags} />
          </div>
        ) : null}
        {p.seekTags.length ? (
          <div className="mt-4 space-y-1">
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Wants to learn</p>
            <TagList tags={p.seekTags} />
          </div>
        ) : null}
        {p.userId === user.id ? (
          <p className="mt-4">
            <Badge tone="moby">This is how others see you ({p.visibility.toLowerCase()} profile)</Badge>
          </p>
        ) : null}
      </Card>
      <section aria-label="Offers" className="space-y-4 lg:col-span-2">
        <h2 className="text-lg font-semibold text-ink">Offers</h2>
        {items.length === 0 ? (
          <EmptyState title={`${p.name.split(" ")[0]} has no open offers`}>Maybe later in the conference.</EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {items.map((o) => (
              <li key={o.id}>
                <OfferCard offer={o} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

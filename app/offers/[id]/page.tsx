import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestSessionButton } from "@/components/booking/request-session-button";
import { OfferBadges, TagList } from "@/components/offers/offer-badges";
import { OrganizerHide } from "@/components/offers/organizer-hide";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { offerDeps } from "@/lib/offers/deps";
import { offerParams } from "@/lib/offers/schema";
import { getOffer } from "@/lib/offers/service";
import { profileDeps } from "@/lib/profiles/deps";
import { getProfile } from "@/lib/profiles/service";
import { requireUser } from "@/lib/session";
import { tagLabel } from "@/lib/tags/rules";
import { labTemplateNotice } from "@/lib/templates/catalogue";
import { RenderedMarkdown } from "@/components/ui/rendered-markdown";

export const metadata: Metadata = { title: "Offer" };
export const dynamic = "force-dynamic";

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = offerParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const user = await requireUser(`/offers/${id}`);
  const found = await getOffer(offerDeps(), user, id);
  if (!found.ok) notFound();
  const offer = found.value;
  const lab = labTemplateNotice(offer.labTemplate);
  const expert = await getProfile(profileDeps(), user, offer.owner.id);
  const profile = expert.ok ? expert.value : null;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-2">
        <Link href="/offers" className="text-sm font-medium text-moby-700 hover:underline">
          ← All offers
        </Link>
        {offer.hidden ? (
          <div role="alert" data-testid="hidden-notice" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
            <p className="font-semibold">Hidden by an organizer</p>
            <p className="mt-1">Reason: {offer.hidden.reason}</p>
          </div>
        ) : null}
        {!offer.active ? <div className="rounded-xl border border-slate-300 bg-slate-100 p-4 text-sm text-slate-700">This offer is paused: only you can see it.</div> : null}
        <Card>
          <h1 className="text-2xl font-bold tracking-tight text-ink sm:text-3xl">{offer.title}</h1>
          <div className="mt-3">
            <OfferBadges level={offer.level} lengthMinutes={offer.lengthMinutes} labTemplate={offer.labTemplate} />
          </div>
          {offer.descriptionHtml ? (
            <RenderedMarkdown className="mt-4 break-words text-slate-800" data-testid="offer-description" html={offer.descriptionHtml} />
          ) : (
            <p className="mt-4 text-sm text-slate-500">No description.</p>
          )}
          <div className="mt-4">
            <TagList tags={offer.tags} />
          </div>
          {lab?.disabledReason !== undefined ? (
            <p role="alert" data-testid="lab-disabled" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              The lab template <strong>{lab.title}</strong> was disabled by an organizer: no lab starts from it. Reason: {lab.disabledReason}
            </p>
          ) : offer.labTemplate ? (
            <p className="mt-4 rounded-lg bg-moby-50 px-3 py-2 text-sm text-moby-700">
              This session can start a live lab (<strong>{lab?.title ?? offer.labTemplate}</strong>): real containers you both can type into.
            </p>
          ) : null}
        </Card>
      </div>

      <aside className="space-y-4 lg:pt-9">
        <Card>
          <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Your expert</h2>
          <p className="mt-2 text-lg font-semibold text-ink">
            <Link href={`/people/${offer.owner.id}`} className="hover:underline">
              {offer.owner.name}
            </Link>
          </p>
          {profile?.headline ? <p className="text-sm text-slate-700">{profile.headline}</p> : null}
          {profile?.company ? <p className="mt-1 text-sm text-slate-500">{profile.company}</p> : null}
          {profile?.email ? (
            <p className="mt-1 text-sm">
              <a className="text-moby-700 hover:underline" href={`mailto:${profile.email}`}>
                {profile.email}
              </a>
            </p>
          ) : null}
          {profile?.offerTags.length ? <p className="mt-3 text-xs text-slate-500">Can help with: {profile.offerTags.map(tagLabel).join(", ")}</p> : null}
          <div className="mt-4">
            {offer.mine ? (
              <Link href="/offers/mine" className={buttonClass("secondary")}>
                Edit in My offers
              </Link>
            ) : offer.active && !offer.hidden ? (
              <RequestSessionButton offerId={offer.id} expertId={offer.owner.id} />
            ) : (
              <Badge tone="amber">Not bookable right now</Badge>
            )}
          </div>
        </Card>
        {user.role === "ORGANIZER" && !offer.mine ? (
          <Card>
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Organizer</h2>
            <div className="mt-3">
              <OrganizerHide offerId={offer.id} hidden={Boolean(offer.hidden)} />
            </div>
          </Card>
        ) : null}
      </aside>
    </div>
  );
}

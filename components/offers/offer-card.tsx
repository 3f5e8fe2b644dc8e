import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/card";
import type { OfferSummary } from "@/lib/offers/schema";
import { Highlight } from "./highlight";
import { OfferBadges, TagList } from "./offer-badges";

/** One offer in a list: title, expert, badges, excerpt; optionally why it is suggested and actions. */
export function OfferCard({
  offer,
  terms = [],
  reason,
  mutual,
  actions,
  activeTag,
  onTag,
}: {
  offer: OfferSummary;
  terms?: readonly string[];
  reason?: string;
  mutual?: boolean;
  actions?: ReactNode;
  activeTag?: string;
  onTag?: (tag: string) => void;
}) {
  return (
    <article data-testid="offer-card" data-offer-id={offer.id} className="flex h-full flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      {reason ? (
        <p data-testid="offer-reason" className="flex items-start gap-2 rounded-lg bg-moby-50 px-3 py-2 text-sm font-medium text-moby-700">
          <span aria-hidden="true">★</span>
          <span className="flex-1">{reason}</span>
          {mutual ? (
            <span data-testid="mutual-badge">
              <Badge tone="green">Mutual match</Badge>
            </span>
          ) : null}
        </p>
      ) : null}
      <div className="space-y-1">
        <h3 className="text-base font-semibold leading-snug text-ink">
          <Link href={`/offers/${offer.id}`} className="hover:text-moby-700 hover:underline">
            <Highlight text={offer.title} terms={terms} />
          </Link>
        </h3>
        <p className="text-sm text-slate-600">
          <Link href={`/people/${offer.owner.id}`} className="font-medium text-slate-800 hover:underline">
            <Highlight text={offer.owner.name} terms={terms} />
          </Link>
          {offer.owner.headline ? <span className="text-slate-500"> · {offer.owner.headline}</span> : null}
        </p>
      </div>
      <OfferBadges level={offer.level} lengthMinutes={offer.lengthMinutes} labTemplate={offer.labTemplate} />
      {offer.excerpt ? (
        <p className="line-clamp-3 text-sm text-slate-700">
          <Highlight text={offer.excerpt} terms={terms} />
        </p>
      ) : null}
      <div className="mt-auto flex flex-wrap items-end justify-between gap-2">
        <TagList tags={offer.tags} active={activeTag} onPick={onTag} />
        {actions}
      </div>
    </article>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { OfferBrowser, type SearchState, type Tab } from "@/components/offers/offer-browser";
import { buttonClass } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/card";
import { offerDeps, recommendDeps } from "@/lib/offers/deps";
import { peopleFor, recommendationsFor } from "@/lib/offers/recommend";
import { offerSearchQuery } from "@/lib/offers/schema";
import { searchOfferList } from "@/lib/offers/service";
import { requireUser } from "@/lib/session";
import { curatedTags } from "@/lib/tags/rules";

export const metadata: Metadata = { title: "Offers" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

export default async function OffersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser("/offers");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = offerSearchQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : offerSearchQuery.parse({});
  const tab: Tab = raw.tab === "for-you" || raw.tab === "people" ? raw.tab : "browse";
  // Recommendations are scored only for the tab that shows them (tens of ms each at 20,000 offers);
  // opening another tab loads its list.
  const [found, recs, people] = await Promise.all([
    searchOfferList(offerDeps(), query, user),
    tab === "for-you" ? recommendationsFor(recommendDeps(), user.id) : null,
    tab === "people" ? peopleFor(recommendDeps(), user.id) : null,
  ]);
  const initialSearch: SearchState = {
    q: query.q ?? "",
    tag: query.tag ?? "",
    level: query.level ?? "",
    length: query.length ? String(query.length) : "",
    hasLab: query.hasLab === true,
    page: query.page,
  };
  return (
    <div>
      <PageTitle
        title="Offers"
        subtitle="Expertise people offer for 1-on-1 sessions at the Mingle tables."
        actions={
          <Link href="/offers/mine" className={buttonClass("primary")}>
            My offers
          </Link>
        }
      />
      <OfferBrowser
        initialTab={tab}
        initialSearch={initialSearch}
        initialResult={
          found.ok ? found.value : { items: [], total: 0, page: 1, limit: query.limit, pages: 1, fuzzy: false, corrections: [], showingResultsFor: null, unmatched: [] }
        }
        initialRecommendations={recs ? (recs.ok ? recs.value.items : []) : null}
        initialPeople={people ? (people.ok ? people.value.items : []) : null}
        tags={curatedTags().map((t) => ({ slug: t.slug, label: t.label }))}
      />
    </div>
  );
}

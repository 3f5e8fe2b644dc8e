import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { labTemplates } from "@/lib/labs/templates";
import { renderMarkdown } from "@/lib/markdown/render";
import { onBus, publish } from "@/lib/realtime/bus";
import { remember } from "@/lib/singleton";
import { invalidateMatchIndex, type RecommendDeps } from "./recommend";
import { matchRepo, missedSearchRepo, offerRepo } from "./repo";
import { cachedSearch } from "./cached-search";
import type { OfferDeps } from "./service";

/**
 * Template names from the labs' one template catalogue (the one launches use): the directory's,
 * and with a viewer also that person's own template versions that are not disabled (lib/templates).
 */
export function labTemplateNames(viewerId?: string): string[] {
  return [...labTemplates()]
    .filter(([, t]) => !t.origin || (t.origin.authorId === viewerId && t.origin.disabledReason === undefined))
    .map(([name]) => name)
    .sort();
}

export function offerDeps(overrides: Partial<OfferDeps> = {}): OfferDeps {
  return {
    offers: offerRepo(db),
    search: (input) => cachedSearch(db, input),
    labTemplates: labTemplateNames,
    render: renderMarkdown,
    changed: matchIndexChanged,
    recordMissedSearch: (miss) => missedSearchRepo(db).record(miss),
    now: () => new Date(),
    ...overrides,
  };
}

export function recommendDeps(): RecommendDeps {
  return { store: matchRepo(db, env().DATABASE_URL) };
}

const MATCH_INDEX_TOPIC = "offers.match-index";

/** An offer or profile changed: this process's match index now, the other processes' on the bus. */
export function matchIndexChanged(): void {
  invalidateMatchIndex();
  publish(MATCH_INDEX_TOPIC, { othersOnly: true });
}

/** Server start: this process's match index goes stale when another process changes an offer or profile. */
export function followMatchIndex(): void {
  remember("offers.match-index-followed", () => {
    onBus(MATCH_INDEX_TOPIC, invalidateMatchIndex);
    return true;
  });
}

import { ok, type Result } from "@/lib/errors";
import { buildMatchIndex, type MatchIndex, withPendingCounts } from "@/lib/matching/match-index";
import { peopleToMeet, recommendOffers } from "@/lib/matching/score";
import type { MatchViewer } from "@/lib/matching/types";
import { remember } from "@/lib/singleton";
import { shortCache, type ShortCache } from "@/lib/short-cache";
import { invalidateSearches } from "./cached-search";
import type { MatchCorpus, MatchRepo } from "./repo";
import type { PeopleList, RecommendationList } from "./schema";

/**
 * "For you" and "People you should meet": the pure recommender in lib/matching over an index of
 * every visible offer (read by MatchRepo in repo.ts). The index is cached per process and per
 * database (remember); an offer or profile change
 * invalidates it and the next request rebuilds it. Pending-request counts (fairness) change
 * without us hearing of it, so after INDEX_TTL_MS a request still gets the cached index while the
 * counts are read again in the background: one grouped count, not a rebuild (which reads and
 * indexes every offer, about a second of one process's CPU at 20,000 offers). Unchanged counts
 * keep the index, and with it every viewer's memoized scores.
 */
export const INDEX_TTL_MS = 60_000;

interface Built extends MatchCorpus {
  index: MatchIndex;
  version: number;
  /** When the index (or its pending counts) was last read from the database. */
  freshAt: number;
}

interface Cache {
  version: number;
  built?: Built;
  building?: Promise<Built>;
}

const caches = remember("offers:match-index", () => new Map<string, Cache>());

/** Offers or profiles changed: every cached index is stale, and so is every cached search. */
export function invalidateMatchIndex(): void {
  for (const cache of caches.values()) cache.version++;
  invalidateSearches();
}

function rebuild(store: MatchRepo, cache: Cache): Promise<Built> {
  const version = cache.version;
  const building = (async () => {
    const corpus = await store.loadCorpus();
    const built: Built = { ...corpus, index: buildMatchIndex(corpus.offers), version, freshAt: Date.now() };
    if (!cache.built || cache.built.version <= version) cache.built = built;
    return built;
  })();
  return track(cache, building);
}

/** The TTL passed on an index whose offers did not change: re-reads only the pending counts. */
function refreshPending(store: MatchRepo, cache: Cache, built: Built): Promise<Built> {
  const refreshing = (async () => {
    const pending = await store.loadPendingCounts();
    const index = withPendingCounts(built.index, pending);
    const next: Built = index === built.index ? built : { ...built, index };
    next.freshAt = Date.now();
    if (cache.built === built) cache.built = next;
    return next;
  })();
  return track(cache, refreshing);
}

/** One load at a time per cache: later callers wait for it instead of starting their own. */
function track(cache: Cache, building: Promise<Built>): Promise<Built> {
  cache.building = building;
  const settled = () => {
    if (cache.building === building) cache.building = undefined;
  };
  building.then(settled, settled);
  return building;
}

export async function currentMatchIndex(store: MatchRepo, now = Date.now()): Promise<Built> {
  let cache = caches.get(store.key);
  if (!cache) {
    cache = { version: 0 };
    caches.set(store.key, cache);
  }
  const { built } = cache;
  if (built && built.version === cache.version) {
    if (now - built.freshAt > INDEX_TTL_MS && !cache.building) refreshPending(store, cache, built).catch(() => undefined);
    return built;
  }
  if (cache.building) {
    const pending = await cache.building;
    if (pending.version === cache.version) return pending;
  }
  return rebuild(store, cache);
}

export interface RecommendDeps {
  store: MatchRepo;
}

/**
 * The recommender is pure (same index, viewer and options → same list), so its answers are kept per
 * index, keyed by everything it reads of the viewer: a changed profile, view, request or veto is a
 * new key, a rebuilt index a new cache. Nothing goes stale; reloading the page skips the scoring
 * (several ms of CPU at 20,000 offers). Bounded per index; dropped with the index.
 */
const scored = new WeakMap<Built, ShortCache<unknown>>();

function memo<T>(built: Built, kind: string, viewer: MatchViewer, limit: number, score: () => T): Promise<T> {
  let cache = scored.get(built);
  if (!cache) {
    cache = shortCache<unknown>({ ttlMs: Number.POSITIVE_INFINITY, max: 10_000 });
    scored.set(built, cache);
  }
  return cache.get(`${kind}:${limit}:${JSON.stringify(viewer)}`, async () => score()) as Promise<T>;
}

export async function recommendationsFor(deps: RecommendDeps, userId: string, limit = 12): Promise<Result<RecommendationList>> {
  const [built, viewer] = await Promise.all([currentMatchIndex(deps.store), deps.store.loadViewer(userId)]);
  const ranked = await memo(built, "offers", viewer, limit, () => recommendOffers(built.index, viewer, { limit }));
  const items = ranked.flatMap((s) => {
    const offer = built.cards.get(s.offerId);
    return offer ? [{ offer, reason: s.reason, mutual: s.mutual, score: Number(s.score.toFixed(4)) }] : [];
  });
  return ok({ items });
}

export async function peopleFor(deps: RecommendDeps, userId: string, limit = 8): Promise<Result<PeopleList>> {
  const [built, viewer] = await Promise.all([currentMatchIndex(deps.store), deps.store.loadViewer(userId)]);
  const people = await memo(built, "people", viewer, limit, () => peopleToMeet(built.index, viewer, { limit }));
  const items = people.flatMap((p) => {
    const offers = p.offerIds.flatMap((id) => {
      const card = built.cards.get(id);
      return card ? [{ id, title: card.title }] : [];
    });
    const person = built.cards.get(p.offerIds[0]!)?.owner;
    return person ? [{ person, reason: p.reason, mutual: p.mutual, score: Number(p.score.toFixed(4)), offers }] : [];
  });
  return ok({ items });
}

import type { Db } from "@/lib/db";
import { ok, type Result } from "@/lib/errors";
import { buildMatchIndex, type MatchIndex } from "@/lib/matching/match-index";
import { peopleToMeet, recommendOffers } from "@/lib/matching/score";
import type { MatchOffer, MatchViewer } from "@/lib/matching/types";
import { excerpt, MATCH_LEVEL } from "./rules";
import type { OfferLevelName, OfferSummary, PeopleList, RecommendationList } from "./schema";

/**
 * "For you" and "People you should meet": the pure recommender in lib/matching over an index of
 * every visible offer. The index is cached on globalThis per store; an offer or profile change
 * invalidates it and the next request rebuilds it. Pending-request counts (fairness) change
 * without us hearing of it, so after INDEX_TTL_MS a request still gets the cached index while a
 * fresh one is built in the background.
 */
export interface MatchCorpus {
  offers: MatchOffer[];
  cards: Map<string, OfferSummary>;
}

export interface MatchStore {
  /** Identifies the database, so two stores never share a cached index. */
  key: string;
  loadCorpus(): Promise<MatchCorpus>;
  loadViewer(userId: string): Promise<MatchViewer>;
}

export const INDEX_TTL_MS = 60_000;

interface Built extends MatchCorpus {
  index: MatchIndex;
  version: number;
  builtAt: number;
}

interface Cache {
  version: number;
  built?: Built;
  building?: Promise<Built>;
}

const globalCache = globalThis as unknown as { mingleMatchCaches?: Map<string, Cache> };
const caches = (globalCache.mingleMatchCaches ??= new Map());

/** Offers or profiles changed: every cached index is stale. */
export function invalidateMatchIndex(): void {
  for (const cache of caches.values()) cache.version++;
}

function rebuild(store: MatchStore, cache: Cache): Promise<Built> {
  const version = cache.version;
  const building = (async () => {
    const corpus = await store.loadCorpus();
    const built: Built = { ...corpus, index: buildMatchIndex(corpus.offers), version, builtAt: Date.now() };
    if (!cache.built || cache.built.version <= version) cache.built = built;
    return built;
  })();
  cache.building = building;
  building.then(
    () => cache.building === building && (cache.building = undefined),
    () => cache.building === building && (cache.building = undefined),
  );
  return building;
}

export async function currentMatchIndex(store: MatchStore, now = Date.now()): Promise<Built> {
  let cache = caches.get(store.key);
  if (!cache) caches.set(store.key, (cache = { version: 0 }));
  const { built } = cache;
  if (built && built.version === cache.version) {
    if (now - built.builtAt > INDEX_TTL_MS && !cache.building) rebuild(store, cache).catch(() => undefined);
    return built;
  }
  if (cache.building) {
    const pending = await cache.building;
    if (pending.version === cache.version) return pending;
  }
  return rebuild(store, cache);
}

export interface RecommendDeps {
  store: MatchStore;
}

export async function recommendationsFor(deps: RecommendDeps, userId: string, limit = 12): Promise<Result<RecommendationList>> {
  const [built, viewer] = await Promise.all([currentMatchIndex(deps.store), deps.store.loadViewer(userId)]);
  const items = recommendOffers(built.index, viewer, { limit }).flatMap((s) => {
    const offer = built.cards.get(s.offerId);
    return offer ? [{ offer, reason: s.reason, mutual: s.mutual, score: Number(s.score.toFixed(4)) }] : [];
  });
  return ok({ items });
}

export async function peopleFor(deps: RecommendDeps, userId: string, limit = 8): Promise<Result<PeopleList>> {
  const [built, viewer] = await Promise.all([currentMatchIndex(deps.store), deps.store.loadViewer(userId)]);
  const items = peopleToMeet(built.index, viewer, { limit }).flatMap((p) => {
    const offers = p.offerIds.flatMap((id) => {
      const card = built.cards.get(id);
      return card ? [{ id, title: card.title }] : [];
    });
    const person = built.cards.get(p.offerIds[0]!)?.owner;
    return person ? [{ person, reason: p.reason, mutual: p.mutual, score: Number(p.score.toFixed(4)), offers }] : [];
  });
  return ok({ items });
}

/** Reads the corpus and a viewer's signals with Prisma. */
export function prismaMatchStore(db: Db, key = "default"): MatchStore {
  return {
    key,
    async loadCorpus() {
      const [rows, pending] = await Promise.all([
        db.offer.findMany({
          where: {
            active: true,
            hiddenAt: null,
            owner: { OR: [{ profile: { is: null } }, { profile: { is: { visibility: { not: "HIDDEN" } } } }] },
          },
          select: {
            id: true,
            ownerId: true,
            title: true,
            description: true,
            tags: true,
            level: true,
            lengthMinutes: true,
            labTemplate: true,
            owner: { select: { name: true, profile: { select: { headline: true, seekTags: true } } } },
          },
          orderBy: { id: "asc" },
        }),
        db.mingleSession.groupBy({ by: ["expertId"], where: { status: "PENDING" }, _count: { _all: true } }),
      ]);
      const pendingBy = new Map(pending.map((p) => [p.expertId, p._count._all]));
      const offers: MatchOffer[] = [];
      const cards = new Map<string, OfferSummary>();
      for (const r of rows) {
        offers.push({
          id: r.id,
          ownerId: r.ownerId,
          ownerSeekTags: r.owner.profile?.seekTags ?? [],
          tags: r.tags,
          title: r.title,
          description: r.description,
          ownerPendingRequests: pendingBy.get(r.ownerId) ?? 0,
          level: MATCH_LEVEL[r.level as OfferLevelName],
          active: true,
        });
        cards.set(r.id, {
          id: r.id,
          title: r.title,
          excerpt: excerpt(r.description),
          tags: r.tags,
          level: r.level as OfferLevelName,
          lengthMinutes: r.lengthMinutes,
          labTemplate: r.labTemplate,
          owner: { id: r.ownerId, name: r.owner.name, headline: r.owner.profile?.headline ?? "" },
        });
      }
      return { offers, cards };
    },
    async loadViewer(userId) {
      const [profile, views, sessions, vetoes] = await Promise.all([
        db.profile.findUnique({ where: { userId }, select: { seekTags: true, offerTags: true } }),
        db.offerView.findMany({ where: { userId }, orderBy: { viewedAt: "desc" }, take: 50, select: { offerId: true } }),
        db.mingleSession.findMany({
          where: { OR: [{ requesterId: userId }, { expertId: userId }] },
          orderBy: { createdAt: "desc" },
          take: 500,
          select: { offerId: true, requesterId: true, expertId: true, status: true },
        }),
        db.offerVeto.findMany({ where: { userId }, select: { offerId: true } }),
      ]);
      return {
        id: userId,
        seekTags: profile?.seekTags ?? [],
        offerTags: profile?.offerTags ?? [],
        viewedOfferIds: views.map((v) => v.offerId),
        requestedOfferIds: [...new Set(sessions.filter((s) => s.requesterId === userId).map((s) => s.offerId))],
        vetoedOfferIds: vetoes.map((v) => v.offerId),
        metPersonIds: [
          ...new Set(sessions.filter((s) => s.status === "ACCEPTED").map((s) => (s.requesterId === userId ? s.expertId : s.requesterId))),
        ],
      };
    },
  };
}

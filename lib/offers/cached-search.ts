import type { Db } from "@/lib/db";
import { remember } from "@/lib/singleton";
import { shortCache, type ShortCache } from "@/lib/short-cache";
import { type SearchInput, type SearchPage, searchOffers } from "./search";

/**
 * Search answers are the same for every viewer (the filters are the query's and visibility, not the
 * viewer's), so each process keeps them for SEARCH_TTL_MS: at conference size one search is 15–25 ms
 * of PostgreSQL, and the Offers page asks for the same first pages again and again. A change made
 * through this process clears them at once (offersChanged); one made through another process shows
 * here within SEARCH_TTL_MS (docs/decisions/0023-pages-at-conference-size.md).
 */
export const SEARCH_TTL_MS = 5_000;

const caches = remember("offers:search-cache", () => new WeakMap<Db, ShortCache<SearchPage>>());
const all = remember("offers:search-cache-all", () => new Set<ShortCache<SearchPage>>());

export function cachedSearch(db: Db, input: SearchInput): Promise<SearchPage> {
  let cache = caches.get(db);
  if (!cache) {
    cache = shortCache<SearchPage>({ ttlMs: SEARCH_TTL_MS, max: 2_000 });
    caches.set(db, cache);
    all.add(cache);
  }
  const { q, tag, level, length, hasLab, page, limit } = input;
  return cache.get(JSON.stringify([q, tag, level, length, hasLab, page, limit]), () => searchOffers(db, input));
}

export function invalidateSearches(): void {
  for (const cache of all) cache.clear();
}

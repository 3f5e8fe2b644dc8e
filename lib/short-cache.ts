/**
 * A small per-process cache of async results: an answer is reused for `ttlMs`, concurrent misses
 * for one key share one load (under load a hundred requests for the same page cost one query), a
 * failed load is not kept, and past `max` keys the oldest goes first. For work that is the same for
 * many requests and may be a few seconds stale (docs/decisions/0023-pages-at-conference-size.md).
 */
export interface ShortCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
}

export function shortCache<V>(opts: { ttlMs: number; max: number; now?: () => number }): ShortCache<V> {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < opts.ttlMs) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      const entry = { at: now(), value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      // Map keeps insertion order: the first key is the oldest.
      while (entries.size > opts.max) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

import { TAG_SYNONYMS } from "@/lib/tags/catalog";
import { tagLabel } from "@/lib/tags/rules";
import { tokenize } from "./text";
import { DEFAULT_WEIGHTS, type MatchOffer } from "./types";

/**
 * Everything about a corpus of offers that does not depend on the viewer: interned tags and
 * tokens, IDF, inverted lists and vector norms. Build once per corpus (or after offers change)
 * and reuse it for every viewer; recommending then only walks the lists the viewer touches.
 */
export interface MatchIndex {
  readonly offers: readonly MatchOffer[];
  readonly offerIndexById: ReadonlyMap<string, number>;
  readonly tagIds: ReadonlyMap<string, number>;
  readonly tagSlugs: readonly string[];
  readonly tagIdf: Float64Array;
  /** Per tag: the offers carrying it. */
  readonly tagPostings: readonly Int32Array[];
  /** Per offer: its tag ids, and the norm of its IDF-weighted tag vector. */
  readonly offerTags: readonly Int32Array[];
  readonly offerTagNorm: Float64Array;
  readonly tokenIds: ReadonlyMap<string, number>;
  readonly tokenIdf: Float64Array;
  /** Per token: offers containing it and the token's weight there (title 2, description 1, both 3). */
  readonly tokenPostings: readonly { offers: Int32Array; weights: Float64Array }[];
  readonly offerTextNorm: Float64Array;
  /** Per tag: the words that stand for it in text, its own spellings first, then learned ones. */
  readonly tagQueryTokens: readonly { token: number; weight: number }[][];
  /** Per tag: its spellings as word groups ("windows containers" → [window, container]); text names the tag when one group is all there. */
  readonly tagSpellings: readonly (readonly number[])[][];
  /** Per offer: the sum of its tags' IDF, so "how much of this offer is about the viewer's needs" is one division. */
  readonly offerTagIdfSum: Float64Array;
  readonly ownerIds: readonly string[];
  readonly ownerIndexById: ReadonlyMap<string, number>;
  readonly offerOwner: Int32Array;
  readonly offerActive: Uint8Array;
  readonly offerPending: Float64Array;
  readonly ownerSeekTags: readonly ReadonlySet<number>[];
}

export interface BuildIndexOptions {
  /** Words learned per tag from the text of offers tagged with it (0 turns learning off). */
  expansionTokens?: number;
  expansionWeight?: number;
}

const idf = (n: number, df: number) => Math.log((n + 1) / (df + 1)) + 1;

function intern(map: Map<string, number>, list: string[], key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = list.length;
    map.set(key, id);
    list.push(key);
  }
  return id;
}

const SPELLINGS_BY_SLUG = (() => {
  const m = new Map<string, string[]>();
  for (const [spelling, slug] of Object.entries(TAG_SYNONYMS)) m.set(slug, [...(m.get(slug) ?? []), spelling]);
  return m;
})();

/** How a tag can be written: its slug and label as words, and every synonym that folds into it. */
export function spellingsOf(slug: string): string[] {
  return [slug.replace(/-/g, " "), tagLabel(slug), ...(SPELLINGS_BY_SLUG.get(slug) ?? [])];
}

/** Whether offer `o` has `token` in its text: postings are in offer order, so a binary search. */
export function tokenWeightIn(index: MatchIndex, token: number, o: number): number {
  const { offers, weights } = index.tokenPostings[token]!;
  let lo = 0;
  let hi = offers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = offers[mid]!;
    if (v === o) return weights[mid]!;
    if (v < o) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export function buildMatchIndex(offers: readonly MatchOffer[], options: BuildIndexOptions = {}): MatchIndex {
  const expansionTokens = options.expansionTokens ?? DEFAULT_WEIGHTS.expansionTokens;
  const expansionWeight = options.expansionWeight ?? DEFAULT_WEIGHTS.expansionWeight;
  const n = offers.length;
  const tagIds = new Map<string, number>();
  const tagSlugs: string[] = [];
  const tokenIds = new Map<string, number>();
  const tokens: string[] = [];
  const ownerIdx = new Map<string, number>();
  const ownerIds: string[] = [];
  const ownerSeek: Set<number>[] = [];
  const offerIndexById = new Map<string, number>();
  const offerOwner = new Int32Array(n);
  const offerTags: Int32Array[] = [];
  const offerTokens: Map<number, number>[] = [];

  for (const [i, o] of offers.entries()) {
    offerIndexById.set(o.id, i);
    const owner = intern(ownerIdx, ownerIds, o.ownerId);
    offerOwner[i] = owner;
    if (!ownerSeek[owner]) ownerSeek[owner] = new Set();
    for (const t of o.ownerSeekTags) ownerSeek[owner].add(intern(tagIds, tagSlugs, t));
    offerTags.push(Int32Array.from(new Set(o.tags.map((t) => intern(tagIds, tagSlugs, t)))));
    const tf = new Map<number, number>();
    for (const w of new Set(tokenize(o.title))) tf.set(intern(tokenIds, tokens, w), 2);
    for (const w of new Set(tokenize(o.description))) {
      const id = intern(tokenIds, tokens, w);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    offerTokens.push(tf);
  }

  // Tag words are interned before IDF so a query word no offer uses still has an id.
  const tagSpellings: number[][][] = tagSlugs.map((slug) => {
    const groups = new Map<string, number[]>();
    for (const spelling of spellingsOf(slug)) {
      const words = [...new Set(tokenize(spelling))];
      if (words.length > 0)
        groups.set(
          words.join(" "),
          words.map((w) => intern(tokenIds, tokens, w)),
        );
    }
    return [...groups.values()];
  });
  const ownSpellings: number[][] = tagSpellings.map((groups) => [...new Set(groups.flat())]);

  const tagDf = new Int32Array(tagSlugs.length);
  for (const ts of offerTags) for (const t of ts) tagDf[t]!++;
  const tagIdf = Float64Array.from(tagDf, (df) => idf(n, df));
  const tagLists: number[][] = tagSlugs.map(() => []);
  for (const [i, ts] of offerTags.entries()) for (const t of ts) tagLists[t]!.push(i);
  const offerTagNorm = Float64Array.from(offerTags, (ts) => Math.hypot(...Array.from(ts, (t) => tagIdf[t]!)));
  const offerTagIdfSum = Float64Array.from(offerTags, (ts) => ts.reduce((sum, t) => sum + tagIdf[t]!, 0));

  const tokenDf = new Int32Array(tokens.length);
  for (const tf of offerTokens) for (const tok of tf.keys()) tokenDf[tok]!++;
  const tokenIdf = Float64Array.from(tokenDf, (df) => idf(n, df));
  const postingOffers: number[][] = tokens.map(() => []);
  const postingWeights: number[][] = tokens.map(() => []);
  const offerTextNorm = new Float64Array(n);
  for (const [i, tf] of offerTokens.entries()) {
    let sq = 0;
    for (const [tok, w] of tf) {
      postingOffers[tok]!.push(i);
      postingWeights[tok]!.push(w);
      sq += (w * tokenIdf[tok]!) ** 2;
    }
    offerTextNorm[i] = Math.sqrt(sq);
  }

  const tagQueryTokens = learnTagWords(tagSlugs.length, offerTags, offerTokens, tagDf, tokenIdf, ownSpellings, {
    expansionTokens,
    expansionWeight,
  });

  return {
    offers,
    offerIndexById,
    tagIds,
    tagSlugs,
    tagIdf,
    tagPostings: tagLists.map((l) => Int32Array.from(l)),
    offerTags,
    offerTagNorm,
    tokenIds,
    tokenIdf,
    tokenPostings: postingOffers.map((l, tok) => ({ offers: Int32Array.from(l), weights: Float64Array.from(postingWeights[tok]!) })),
    offerTextNorm,
    tagQueryTokens,
    tagSpellings,
    offerTagIdfSum,
    ownerIds,
    ownerIndexById: ownerIdx,
    offerOwner,
    offerActive: Uint8Array.from(offers, (o) => (o.active ? 1 : 0)),
    offerPending: Float64Array.from(offers, (o) => o.ownerPendingRequests),
    ownerSeekTags: ownerSeek.map((s) => s ?? new Set()),
  };
}

/**
 * The same index with each offer's pending-request count taken from `pendingByOwner` (owner id →
 * pending requests; absent is 0). Fairness moves with every booking while the offers stay put, so
 * this is the refresh a live conference needs, not a rebuild. The index itself when nothing moved.
 */
export function withPendingCounts(index: MatchIndex, pendingByOwner: ReadonlyMap<string, number>): MatchIndex {
  const pending = Float64Array.from(index.offerOwner, (owner) => pendingByOwner.get(index.ownerIds[owner]!) ?? 0);
  return pending.every((p, o) => p === index.offerPending[o]) ? index : { ...index, offerPending: pending };
}

/**
 * Query expansion learned from the corpus: for each tag, the words most over-represented in
 * offers carrying it (share of those offers × IDF). Lets an offer whose author forgot the
 * "kubernetes" tag but wrote "helm chart" still match someone seeking Kubernetes.
 */
function learnTagWords(
  tagCount: number,
  offerTags: readonly Int32Array[],
  offerTokens: readonly Map<number, number>[],
  tagDf: Int32Array,
  tokenIdf: Float64Array,
  ownSpellings: readonly number[][],
  { expansionTokens, expansionWeight }: { expansionTokens: number; expansionWeight: number },
): { token: number; weight: number }[][] {
  const co: Map<number, number>[] = Array.from({ length: tagCount }, () => new Map());
  if (expansionTokens > 0) {
    for (const [i, ts] of offerTags.entries()) {
      for (const t of ts) {
        const m = co[t]!;
        for (const tok of offerTokens[i]!.keys()) m.set(tok, (m.get(tok) ?? 0) + 1);
      }
    }
  }
  return co.map((m, t) => {
    const own = ownSpellings[t]!;
    const words = own.map((token) => ({ token, weight: 1 }));
    if (tagDf[t]! < 3) return words;
    const ranked = [...m]
      .filter(([tok, c]) => c / tagDf[t]! >= 0.05 && !own.includes(tok))
      .map(([tok, c]) => ({ token: tok, score: (c / tagDf[t]!) * tokenIdf[tok]! }))
      .sort((a, b) => b.score - a.score || a.token - b.token)
      .slice(0, expansionTokens);
    const top = ranked[0]?.score ?? 1;
    for (const r of ranked) words.push({ token: r.token, weight: (expansionWeight * r.score) / top });
    return words;
  });
}

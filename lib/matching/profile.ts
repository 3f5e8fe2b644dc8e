import { spellingsOf, type MatchIndex } from "./match-index";
import { tokenize } from "./text";
import { DEFAULT_WEIGHTS, type MatchViewer, type MatchWeights } from "./types";

/** One thing the viewer asked for: a tag (id -1 when no offer carries it) and the words that name it. */
export interface Need {
  slug: string;
  tag: number;
  /** How specific the need is: its tag's IDF over the conference's offers (or its rarest word's). */
  weight: number;
  /** Word groups that name the need in an offer's text: all words of one group must be there. */
  groups: readonly (readonly number[])[];
}

/** What we know about the viewer, resolved against one index. */
export interface Profile {
  w: MatchWeights;
  needs: Need[];
  /** Token id → the needs it names alone (matched while walking the text postings), and the needs' multi-word spellings. */
  tokenNeeds: Map<number, number[]>;
  phrases: { k: number; group: readonly number[] }[];
  /** Tag id → capped interest learned from views, requests and accepted requests (tags that are not needs). */
  history: Map<number, number>;
  historySource: Map<number, "viewed" | "requested">;
  /** The coverage denominator: every need's weight plus history's. */
  wanted: number;
  /** Tag id → interest (needs 1, plus history), for the main tag of a pick. */
  interest: Map<number, number>;
  seekIds: Set<number>;
  /** Tag id → 1 when the viewer explicitly seeks it (the hot loop's view of seekIds). */
  seekMask: Uint8Array;
  viewerOfferIds: Set<number>;
  /** Token id → query weight, and which need put the most weight on it (for reasons). */
  query: Map<number, number>;
  queryTag: Map<number, string>;
  /** Tag id → how much "Not for me" counts against offers carrying it. */
  disliked: Map<number, number>;
  excluded: Set<number>;
  /** Owner index → 1 when the viewer has met them. */
  metMask: Uint8Array;
}

export interface ProfileOptions {
  includeRequested?: boolean;
  weights?: Partial<MatchWeights>;
}

export const MAX_NEEDS = 16;

function needOf(index: MatchIndex, slug: string): Need {
  const tag = index.tagIds.get(slug) ?? -1;
  const groups =
    tag >= 0
      ? index.tagSpellings[tag]!
      : spellingsOf(slug).flatMap((spelling) => {
          const ids = [...new Set(tokenize(spelling))].map((word) => index.tokenIds.get(word));
          return ids.length > 0 && ids.every((id) => id !== undefined) ? [ids as number[]] : [];
        });
  const unseen = Math.log(index.offers.length + 1) + 1;
  const rarest = Math.max(0, ...groups.flat().map((token) => index.tokenIdf[token]!));
  return { slug, tag, weight: tag >= 0 ? index.tagIdf[tag]! : rarest || unseen, groups };
}

export function buildProfile(index: MatchIndex, viewer: MatchViewer, options: ProfileOptions): Profile {
  const w = { ...DEFAULT_WEIGHTS, ...options.weights };
  const known = (slug: string) => index.tagIds.get(slug);
  const needs = [...new Set(viewer.seekTags)].slice(0, MAX_NEEDS).map((slug) => needOf(index, slug));
  const seekIds = new Set(needs.filter((n) => n.tag >= 0).map((n) => n.tag));
  const tokenNeeds = new Map<number, number[]>();
  const phrases: { k: number; group: readonly number[] }[] = [];
  for (const [k, n] of needs.entries()) {
    for (const group of n.groups) {
      if (group.length > 1) phrases.push({ k, group });
      else if (!tokenNeeds.get(group[0]!)?.includes(k)) tokenNeeds.set(group[0]!, [...(tokenNeeds.get(group[0]!) ?? []), k]);
    }
  }
  const viewerOfferIds = new Set(viewer.offerTags.map(known).filter((t) => t !== undefined));
  const offerTagsOf = (id: string) => {
    const o = index.offerIndexById.get(id);
    return o === undefined ? [] : index.offerTags[o]!;
  };

  const raw = new Map<number, number>();
  const historySource = new Map<number, "viewed" | "requested">();
  const addHistory = (tags: Iterable<number>, amount: number, source: "viewed" | "requested") => {
    for (const t of tags) {
      raw.set(t, (raw.get(t) ?? 0) + amount);
      if (source === "requested" || !historySource.has(t)) historySource.set(t, source);
    }
  };
  for (const id of viewer.viewedOfferIds ?? []) addHistory(offerTagsOf(id), w.viewWeight, "viewed");
  addHistory(
    (viewer.viewedTags ?? []).map(known).filter((t) => t !== undefined),
    w.viewWeight,
    "viewed",
  );
  for (const id of viewer.requestedOfferIds ?? []) addHistory(offerTagsOf(id), w.requestWeight, "requested");
  for (const id of viewer.acceptedOfferIds ?? []) addHistory(offerTagsOf(id), w.acceptWeight, "requested");
  const history = new Map<number, number>();
  const interest = new Map<number, number>([...seekIds].map((t) => [t, 1]));
  for (const [t, h] of raw) {
    const capped = Math.min(w.historyCap, h);
    interest.set(t, (interest.get(t) ?? 0) + capped);
    if (!seekIds.has(t)) history.set(t, capped);
  }
  let wanted = needs.reduce((sum, n) => sum + n.weight, 0);
  for (const [t, h] of history) wanted += h * index.tagIdf[t]!;

  const query = new Map<number, number>();
  const queryTag = new Map<number, string>();
  const best = new Map<number, number>();
  const addQuery = (token: number, weight: number, slug: string) => {
    query.set(token, (query.get(token) ?? 0) + weight);
    if (slug && weight > (best.get(token) ?? 0)) {
      best.set(token, weight);
      queryTag.set(token, slug);
    }
  };
  for (const [t, iw] of interest) for (const q of index.tagQueryTokens[t]!) addQuery(q.token, iw * q.weight, index.tagSlugs[t]!);
  // Free-form needs no offer carries as a tag can still match words in offers.
  for (const n of needs) if (n.tag < 0) for (const token of new Set(n.groups.flat())) addQuery(token, 1, n.slug);
  for (const word of new Set(tokenize(viewer.bio ?? ""))) {
    const token = index.tokenIds.get(word);
    if (token !== undefined) addQuery(token, w.bioWeight, "");
  }

  // A vetoed offer's tags that are not needs say what the viewer does not want.
  const disliked = new Map<number, number>();
  for (const id of viewer.vetoedOfferIds ?? []) {
    for (const t of offerTagsOf(id)) if (!seekIds.has(t)) disliked.set(t, Math.min(1, (disliked.get(t) ?? 0) + 0.5));
  }

  const excluded = new Set<number>();
  const exclude = (ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) {
      const o = index.offerIndexById.get(id);
      if (o !== undefined) excluded.add(o);
    }
  };
  exclude(viewer.vetoedOfferIds);
  if (!options.includeRequested) exclude(viewer.requestedOfferIds);
  const metMask = new Uint8Array(index.ownerIds.length);
  for (const id of viewer.metPersonIds ?? []) {
    const owner = index.ownerIndexById.get(id);
    if (owner !== undefined) metMask[owner] = 1;
  }
  const seekMask = new Uint8Array(index.tagSlugs.length);
  for (const t of seekIds) seekMask[t] = 1;

  // Every single-word spelling must be walked with the text, even at weight 0 (noText ablations).
  for (const token of tokenNeeds.keys()) if (!query.has(token)) query.set(token, 0);

  return { w, needs, tokenNeeds, phrases, history, historySource, wanted, interest, seekIds, seekMask, viewerOfferIds, query, queryTag, disliked, excluded, metMask };
}

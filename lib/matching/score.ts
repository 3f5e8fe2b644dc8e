import { tagLabel, tagPhrase } from "@/lib/tags/rules";
import type { MatchIndex } from "./match-index";
import { tokenize } from "./text";
import { DEFAULT_WEIGHTS, type MatchViewer, type MatchWeights, type PersonMatch, type ScoredOffer } from "./types";

export interface RecommendOptions {
  limit?: number;
  /** Greedy re-rank so the top picks are not all one person or one tag (default on). */
  diversity?: boolean;
  /** Offers the viewer already requested are left out by default: they are on their list already. */
  includeRequested?: boolean;
  weights?: Partial<MatchWeights>;
}

/** What we know about the viewer, resolved against one index. */
interface Profile {
  w: MatchWeights;
  /** Tag id → interest weight: explicit seek tags 1, plus capped history from views and requests. */
  interest: Map<number, number>;
  seekIds: Set<number>;
  /** Tag id → 1 when the viewer explicitly seeks it (the hot loop's view of seekIds). */
  seekMask: Uint8Array;
  viewerOfferIds: Set<number>;
  historySource: Map<number, "viewed" | "requested">;
  /** Token id → query weight, and which tag put the most weight on it (for reasons). */
  query: Map<number, number>;
  queryTag: Map<number, string>;
  excluded: Set<number>;
  /** Owner index → 1 when the viewer has met them. */
  metMask: Uint8Array;
}

interface Candidate {
  o: number;
  score: number;
  tagFit: number;
  textFit: number;
  mutual: boolean;
  met: boolean;
  fairness: number;
  /** Strongest tag by interest × IDF², or -1 when only text matched. */
  mainTag: number;
}

function buildProfile(index: MatchIndex, viewer: MatchViewer, options: RecommendOptions): Profile {
  const w = { ...DEFAULT_WEIGHTS, ...options.weights };
  const known = (slug: string) => index.tagIds.get(slug);
  const interest = new Map<number, number>();
  const seekIds = new Set<number>();
  for (const slug of viewer.seekTags) {
    const t = known(slug);
    if (t === undefined) continue;
    seekIds.add(t);
    interest.set(t, 1);
  }
  const viewerOfferIds = new Set(viewer.offerTags.map(known).filter((t) => t !== undefined));

  const history = new Map<number, number>();
  const historySource = new Map<number, "viewed" | "requested">();
  const addHistory = (tags: Iterable<number>, amount: number, source: "viewed" | "requested") => {
    for (const t of tags) {
      history.set(t, (history.get(t) ?? 0) + amount);
      if (source === "requested" || !historySource.has(t)) historySource.set(t, source);
    }
  };
  const offerTagsOf = (id: string) => {
    const o = index.offerIndexById.get(id);
    return o === undefined ? [] : index.offerTags[o]!;
  };
  for (const id of viewer.viewedOfferIds ?? []) addHistory(offerTagsOf(id), w.viewWeight, "viewed");
  addHistory((viewer.viewedTags ?? []).map(known).filter((t) => t !== undefined), w.viewWeight, "viewed");
  for (const id of viewer.requestedOfferIds ?? []) addHistory(offerTagsOf(id), w.requestWeight, "requested");
  for (const [t, h] of history) interest.set(t, (interest.get(t) ?? 0) + Math.min(w.historyCap, h));

  const query = new Map<number, number>();
  const queryTag = new Map<number, string>();
  const best = new Map<number, number>();
  const addQuery = (token: number, weight: number, slug: string) => {
    query.set(token, (query.get(token) ?? 0) + weight);
    if (weight > (best.get(token) ?? 0)) {
      best.set(token, weight);
      queryTag.set(token, slug);
    }
  };
  for (const [t, iw] of interest) for (const q of index.tagQueryTokens[t]!) addQuery(q.token, iw * q.weight, index.tagSlugs[t]!);
  // Free-form seek tags no offer carries can still match words in offers.
  for (const slug of viewer.seekTags) {
    if (known(slug) !== undefined) continue;
    for (const word of tokenize(slug.replace(/-/g, " "))) {
      const token = index.tokenIds.get(word);
      if (token !== undefined) addQuery(token, 1, slug);
    }
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

  return { w, interest, seekIds, seekMask, viewerOfferIds, historySource, query, queryTag, excluded, metMask };
}

interface Scratch {
  tagDot: Float64Array;
  textDot: Float64Array;
  score: Float64Array;
  sorted: Float64Array;
  seen: Uint8Array;
  blocked: Uint8Array;
}

/** Per-index scratch buffers: scoring is synchronous, so one set per index is safe and spares the GC. */
const scratch = new WeakMap<MatchIndex, Scratch>();

function scratchFor(index: MatchIndex): Scratch {
  let buf = scratch.get(index);
  if (!buf) {
    const n = index.offers.length;
    buf = {
      tagDot: new Float64Array(n),
      textDot: new Float64Array(n),
      score: new Float64Array(n),
      sorted: new Float64Array(n),
      seen: new Uint8Array(n),
      blocked: new Uint8Array(n),
    };
    scratch.set(index, buf);
  }
  return buf;
}

/**
 * Scores every offer the viewer's tags or words reach and returns the best `keep` of them,
 * best first (ties: corpus order). Hot loops use typed arrays; only the winners become objects.
 */
function scoreCandidates(index: MatchIndex, viewer: MatchViewer, p: Profile, keep: number): Candidate[] {
  const { tagDot, textDot, score, sorted, seen, blocked } = scratchFor(index);
  const touched: number[] = [];
  for (const o of p.excluded) blocked[o] = 1;
  try {
    let vNorm = 0;
    for (const [t, iw] of p.interest) {
      const idf = index.tagIdf[t]!;
      const contribution = iw * idf * idf;
      vNorm += (iw * idf) ** 2;
      const offers = index.tagPostings[t]!;
      for (let j = 0; j < offers.length; j++) {
        const o = offers[j]!;
        if (!seen[o]) (seen[o] = 1), touched.push(o);
        tagDot[o]! += contribution;
      }
    }
    vNorm = Math.sqrt(vNorm) || 1;

    let qNorm = 0;
    for (const [token, qw] of p.query) {
      const idf = index.tokenIdf[token]!;
      qNorm += (qw * idf) ** 2;
      const { offers, weights } = index.tokenPostings[token]!;
      const q = qw * idf * idf;
      for (let j = 0; j < offers.length; j++) {
        const o = offers[j]!;
        if (!seen[o]) (seen[o] = 1), touched.push(o);
        textDot[o]! += q * weights[j]!;
      }
    }
    qNorm = Math.sqrt(qNorm) || 1;

    const { w } = p;
    const { offerTagNorm, offerTextNorm, offerOwner, offerActive, offerPending } = index;
    const viewerOwner = index.ownerIndexById.get(viewer.id) ?? -1;
    const ownerWantsViewer = new Int8Array(index.ownerIds.length).fill(-1);
    const positive: number[] = [];
    for (let i = 0; i < touched.length; i++) {
      const o = touched[i]!;
      const owner = offerOwner[o]!;
      if (!offerActive[o] || owner === viewerOwner || blocked[o]) continue;
      const tagFit = tagDot[o]! > 0 ? tagDot[o]! / (vNorm * offerTagNorm[o]!) : 0;
      const textFit = textDot[o]! > 0 ? textDot[o]! / (qNorm * offerTextNorm[o]!) : 0;
      let s = w.tagShare * tagFit + (1 - w.tagShare) * textFit;
      if (s <= 0) continue;
      if (mutualWith(index, p, o, ownerWantsViewer)) s *= w.mutualBoost;
      if (p.metMask[owner]) s *= w.metFactor;
      score[o] = s * fairnessOf(offerPending[o]!, w);
      sorted[positive.length] = score[o]!;
      positive.push(o);
    }

    let winners = positive;
    if (positive.length > keep) {
      const threshold = sorted.subarray(0, positive.length).sort()[positive.length - keep]!;
      winners = positive.filter((o) => score[o]! >= threshold);
    }
    return winners
      .sort((a, b) => score[b]! - score[a]! || a - b)
      .slice(0, keep)
      .map((o) => candidate(index, p, o, score[o]!, tagDot[o]! / (vNorm * offerTagNorm[o]!), textDot[o]! / (qNorm * offerTextNorm[o]!), ownerWantsViewer));
  } finally {
    for (const o of touched) (tagDot[o] = 0), (textDot[o] = 0), (seen[o] = 0);
    for (const o of p.excluded) blocked[o] = 0;
  }
}

const fairnessOf = (pending: number, w: MatchWeights) => 1 / (1 + Math.max(0, pending) / w.fairnessHalfAt);

/** Mutual: the viewer seeks a tag of this offer and its owner seeks a tag the viewer offers. */
function mutualWith(index: MatchIndex, p: Profile, o: number, ownerWantsViewer: Int8Array): boolean {
  const tags = index.offerTags[o]!;
  let seeks = false;
  for (let k = 0; k < tags.length; k++) if (p.seekMask[tags[k]!] === 1) seeks = true;
  if (!seeks) return false;
  const owner = index.offerOwner[o]!;
  if (ownerWantsViewer[owner] === -1) {
    ownerWantsViewer[owner] = 0;
    for (const t of index.ownerSeekTags[owner]!) if (p.viewerOfferIds.has(t)) ownerWantsViewer[owner] = 1;
  }
  return ownerWantsViewer[owner] === 1;
}

function candidate(
  index: MatchIndex,
  p: Profile,
  o: number,
  score: number,
  tagFit: number,
  textFit: number,
  ownerWantsViewer: Int8Array,
): Candidate {
  let mainTag = -1;
  let mainStrength = 0;
  for (const t of index.offerTags[o]!) {
    const strength = (p.interest.get(t) ?? 0) * index.tagIdf[t]! ** 2;
    if (strength > mainStrength) (mainStrength = strength), (mainTag = t);
  }
  const offer = index.offers[o]!;
  return {
    o,
    score,
    tagFit,
    textFit,
    mutual: mutualWith(index, p, o, ownerWantsViewer),
    met: p.metMask[index.offerOwner[o]!] === 1,
    fairness: fairnessOf(offer.ownerPendingRequests, p.w),
    mainTag,
  };
}

/** Greedy re-rank (MMR-like): each earlier pick from the same owner or on the same main tag discounts a candidate. */
function diversify(index: MatchIndex, ranked: Candidate[], limit: number, w: MatchWeights): Candidate[] {
  const pool = ranked;
  const taken = new Uint8Array(pool.length);
  const perOwner = new Map<number, number>();
  const perTag = new Map<number, number>();
  const picks: Candidate[] = [];
  while (picks.length < Math.min(limit, pool.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const c = pool[i]!;
      const value =
        c.score *
        w.diversityOwner ** (perOwner.get(index.offerOwner[c.o]!) ?? 0) *
        w.diversityTag ** (perTag.get(c.mainTag) ?? 0);
      if (value > bestValue) (bestValue = value), (best = i);
    }
    const c = pool[best]!;
    taken[best] = 1;
    picks.push(c);
    const owner = index.offerOwner[c.o]!;
    perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
    if (c.mainTag >= 0) perTag.set(c.mainTag, (perTag.get(c.mainTag) ?? 0) + 1);
  }
  return picks;
}

/** The tag whose words matched the offer's text most, for offers that matched on text only. */
function textTag(index: MatchIndex, p: Profile, o: number): string | null {
  const offer = index.offers[o]!;
  const byTag = new Map<string, number>();
  for (const word of new Set(tokenize(`${offer.title} ${offer.description}`))) {
    const token = index.tokenIds.get(word);
    const slug = token === undefined ? undefined : p.queryTag.get(token);
    if (slug !== undefined) byTag.set(slug, (byTag.get(slug) ?? 0) + p.query.get(token!)! * index.tokenIdf[token!]!);
  }
  let top: string | null = null;
  for (const [slug, v] of byTag) if (top === null || v > byTag.get(top)!) top = slug;
  return top;
}

function explain(index: MatchIndex, p: Profile, c: Candidate): { reason: string; mainTag: string | null } {
  const offer = index.offers[c.o]!;
  const owner = index.offerOwner[c.o]!;
  if (c.mutual) {
    const sought = index.offerTags[c.o]!.filter((t) => p.seekIds.has(t));
    const wanted = [...index.ownerSeekTags[owner]!].filter((t) => p.viewerOfferIds.has(t));
    const both = sought.find((t) => wanted.includes(t));
    if (both !== undefined) return { reason: `You both care about ${tagPhrase(index.tagSlugs[both]!)}`, mainTag: index.tagSlugs[both]! };
    const give = index.tagSlugs[sought[0]!]!;
    const get = index.tagSlugs[wanted[0]!]!;
    return { reason: `A fair swap: they know ${tagPhrase(give)}, you know ${tagPhrase(get)}`, mainTag: give };
  }
  if (c.mainTag >= 0) {
    const slug = index.tagSlugs[c.mainTag]!;
    if (p.seekIds.has(c.mainTag)) {
      const reason =
        offer.level === "expert" ? `${tagLabel(slug)} expert — you're looking to learn it` : `Matches your interest in ${tagPhrase(slug)}`;
      return { reason, mainTag: slug };
    }
    const reason =
      p.historySource.get(c.mainTag) === "requested"
        ? `Like the ${tagPhrase(slug)} sessions you requested`
        : `Like the ${tagPhrase(slug)} sessions you looked at`;
    return { reason, mainTag: slug };
  }
  const slug = textTag(index, p, c.o);
  return slug === null
    ? { reason: "Related to what you're looking for", mainTag: null }
    : { reason: `Its description fits your interest in ${tagPhrase(slug)}`, mainTag: slug };
}

function toScored(index: MatchIndex, p: Profile, c: Candidate): ScoredOffer {
  const offer = index.offers[c.o]!;
  return {
    offerId: offer.id,
    ownerId: offer.ownerId,
    score: c.score,
    mutual: c.mutual,
    ...explain(index, p, c),
    signals: { tagFit: c.tagFit, textFit: c.textFit, met: c.met, fairness: c.fairness },
  };
}

/**
 * Offers to suggest to one viewer, best first. Pure: same index, viewer and options → same list.
 * Vetoed, inactive and the viewer's own offers never appear; already-requested ones only on request.
 */
export function recommendOffers(index: MatchIndex, viewer: MatchViewer, options: RecommendOptions = {}): ScoredOffer[] {
  const limit = options.limit ?? 20;
  const p = buildProfile(index, viewer, options);
  const diverse = options.diversity !== false;
  const ranked = scoreCandidates(index, viewer, p, diverse ? limit * p.w.diversityPool : limit);
  const picks = diverse ? diversify(index, ranked, limit, p.w) : ranked;
  return picks.map((c) => toScored(index, p, c));
}

/**
 * People to suggest, from the same offer scores: a person's best offer counts fully, the next
 * two half and a quarter, so someone with three good sessions edges out a one-hit owner.
 */
export function peopleToMeet(
  index: MatchIndex,
  viewer: MatchViewer,
  options: Omit<RecommendOptions, "diversity"> = {},
): PersonMatch[] {
  const limit = options.limit ?? 10;
  const p = buildProfile(index, viewer, options);
  const byOwner = new Map<number, { best: Candidate; score: number; mutual: boolean; offers: number[] }>();
  for (const c of scoreCandidates(index, viewer, p, Infinity)) {
    const owner = index.offerOwner[c.o]!;
    const person = byOwner.get(owner);
    if (!person) byOwner.set(owner, { best: c, score: c.score, mutual: c.mutual, offers: [c.o] });
    else if (person.offers.length < 3) {
      person.score += c.score * 0.5 ** person.offers.length;
      person.mutual ||= c.mutual;
      person.offers.push(c.o);
    }
  }
  return [...byOwner]
    .sort(([a, pa], [b, pb]) => pb.score - pa.score || a - b)
    .slice(0, limit)
    .map(([owner, person]) => ({
      personId: index.ownerIds[owner]!,
      score: person.score,
      mutual: person.mutual,
      reason: explain(index, p, person.best).reason,
      offerIds: person.offers.map((o) => index.offers[o]!.id),
    }));
}

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
  viewerOfferIds: Set<number>;
  historySource: Map<number, "viewed" | "requested">;
  /** Token id → query weight, and which tag put the most weight on it (for reasons). */
  query: Map<number, number>;
  queryTag: Map<number, string>;
  excluded: Set<number>;
  metOwners: Set<number>;
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
  const ownerIndex = new Map(index.ownerIds.map((id, i) => [id, i]));
  const metOwners = new Set((viewer.metPersonIds ?? []).map((id) => ownerIndex.get(id)).filter((o) => o !== undefined));

  return { w, interest, seekIds, viewerOfferIds, historySource, query, queryTag, excluded, metOwners };
}

function scoreCandidates(index: MatchIndex, viewer: MatchViewer, p: Profile): Candidate[] {
  const n = index.offers.length;
  const tagDot = new Float64Array(n);
  const textDot = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];

  let vNorm = 0;
  for (const [t, iw] of p.interest) {
    const idf = index.tagIdf[t]!;
    const contribution = iw * idf * idf;
    vNorm += (iw * idf) ** 2;
    for (const o of index.tagPostings[t]!) {
      if (!seen[o]) (seen[o] = 1), touched.push(o);
      tagDot[o]! += contribution;
    }
  }
  vNorm = Math.sqrt(vNorm);

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
  qNorm = Math.sqrt(qNorm);

  const { w } = p;
  const ownerWantsViewer = new Int8Array(index.ownerIds.length).fill(-1);
  const out: Candidate[] = [];
  for (const o of touched) {
    const offer = index.offers[o]!;
    if (!offer.active || offer.ownerId === viewer.id || p.excluded.has(o)) continue;
    const tagFit = tagDot[o]! > 0 ? tagDot[o]! / (vNorm * index.offerTagNorm[o]!) : 0;
    const textFit = textDot[o]! > 0 ? textDot[o]! / (qNorm * index.offerTextNorm[o]!) : 0;
    let score = w.tagShare * tagFit + (1 - w.tagShare) * textFit;
    if (score <= 0) continue;

    let mainTag = -1;
    let mainStrength = 0;
    let seeksOffered = false;
    for (const t of index.offerTags[o]!) {
      const iw = p.interest.get(t);
      if (iw !== undefined && iw * index.tagIdf[t]! ** 2 > mainStrength) {
        mainStrength = iw * index.tagIdf[t]! ** 2;
        mainTag = t;
      }
      if (p.seekIds.has(t)) seeksOffered = true;
    }
    const owner = index.offerOwner[o]!;
    if (seeksOffered && ownerWantsViewer[owner] === -1) {
      ownerWantsViewer[owner] = [...index.ownerSeekTags[owner]!].some((t) => p.viewerOfferIds.has(t)) ? 1 : 0;
    }
    const mutual = seeksOffered && ownerWantsViewer[owner] === 1;
    const met = p.metOwners.has(owner);
    const fairness = 1 / (1 + Math.max(0, offer.ownerPendingRequests) / w.fairnessHalfAt);
    if (mutual) score *= w.mutualBoost;
    if (met) score *= w.metFactor;
    score *= fairness;
    out.push({ o, score, tagFit, textFit, mutual, met, fairness, mainTag });
  }
  return out.sort((a, b) => b.score - a.score || (index.offers[a.o]!.id < index.offers[b.o]!.id ? -1 : 1));
}

/** Greedy re-rank (MMR-like): each earlier pick from the same owner or on the same main tag discounts a candidate. */
function diversify(index: MatchIndex, ranked: Candidate[], limit: number, w: MatchWeights): Candidate[] {
  const pool = ranked.slice(0, Math.max(limit, limit * w.diversityPool));
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
  const ranked = scoreCandidates(index, viewer, p);
  const picks = options.diversity === false ? ranked.slice(0, limit) : diversify(index, ranked, limit, p.w);
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
  for (const c of scoreCandidates(index, viewer, p)) {
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
    .sort(([a, pa], [b, pb]) => pb.score - pa.score || (index.ownerIds[a]! < index.ownerIds[b]! ? -1 : 1))
    .slice(0, limit)
    .map(([owner, person]) => ({
      personId: index.ownerIds[owner]!,
      score: person.score,
      mutual: person.mutual,
      reason: explain(index, p, person.best).reason,
      offerIds: person.offers.map((o) => index.offers[o]!.id),
    }));
}

import { explain } from "./explain";
import { tokenWeightIn, type MatchIndex } from "./match-index";
import { buildProfile, MAX_NEEDS, type Profile } from "./profile";
import type { MatchViewer, MatchWeights, PersonMatch, ScoredOffer } from "./types";

/**
 * The relevance model (docs/decisions/0009-matching-relevance.md): an offer's fit is how much of
 * the viewer's needs it meets, weighted by how specific each need is (IDF over the conference's
 * offers), plus a little for its words and for being about the needs rather than something else.
 * Mutual benefit only breaks ties; popular owners, met people and "Not for me" scale the fit down.
 */
export interface RecommendOptions {
  limit?: number;
  /** Greedy re-rank so the top picks are not all one person or one tag (default on). */
  diversity?: boolean;
  /** Offers the viewer already requested are left out by default: they are on their list already. */
  includeRequested?: boolean;
  weights?: Partial<MatchWeights>;
}

interface Candidate {
  o: number;
  score: number;
  coverage: number;
  textFit: number;
  focus: number;
  mutual: boolean;
  met: boolean;
  fairness: number;
  /** Strongest tag by interest × IDF², or -1 when only text matched. */
  mainTag: number;
  covered: string[];
}

interface Scratch {
  /** Per offer × need: how well the offer meets the need (1 tag, titleMatch, descriptionMatch). */
  needMatch: Float32Array;
  historyDot: Float64Array;
  textDot: Float64Array;
  focusDot: Float64Array;
  dislikedDot: Float64Array;
  score: Float64Array;
  coverage: Float64Array;
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
      needMatch: new Float32Array(n * MAX_NEEDS),
      historyDot: new Float64Array(n),
      textDot: new Float64Array(n),
      focusDot: new Float64Array(n),
      dislikedDot: new Float64Array(n),
      score: new Float64Array(n),
      coverage: new Float64Array(n),
      sorted: new Float64Array(n),
      seen: new Uint8Array(n),
      blocked: new Uint8Array(n),
    };
    scratch.set(index, buf);
  }
  return buf;
}

const fairnessOf = (pending: number, w: MatchWeights) => {
  const p = Math.max(0, pending);
  return 1 - (w.fairnessMax * p) / (p + w.fairnessHalfAt);
};

/**
 * Scores every offer the viewer's needs, history or words reach and returns the best `keep` of
 * them, best first (ties: corpus order). Hot loops use typed arrays; only the winners become objects:
 * `choose`, when given, picks them from all of the ranked offers (people keep a few per owner).
 */
function scoreCandidates(index: MatchIndex, viewer: MatchViewer, p: Profile, keep: number, choose?: (ranked: number[], score: Float64Array) => number[]): Candidate[] {
  const buf = scratchFor(index);
  const { needMatch, historyDot, textDot, focusDot, dislikedDot, score, coverage, sorted, seen, blocked } = buf;
  const { w, needs } = p;
  const touched: number[] = [];
  const touch = (o: number) => {
    if (!seen[o]) (seen[o] = 1), touched.push(o);
  };
  for (const o of p.excluded) blocked[o] = 1;
  try {
    for (let k = 0; k < needs.length; k++) {
      const need = needs[k]!;
      if (need.tag >= 0) {
        const offers = index.tagPostings[need.tag]!;
        const idf = index.tagIdf[need.tag]!;
        for (let j = 0; j < offers.length; j++) {
          const o = offers[j]!;
          touch(o);
          needMatch[o * MAX_NEEDS + k] = 1;
          focusDot[o]! += idf;
        }
      }
    }
    for (const { k, group } of p.phrases) matchPhrase(index, group, k, w, needMatch, touch);
    for (const [t, h] of p.history) {
      const offers = index.tagPostings[t]!;
      const v = h * index.tagIdf[t]!;
      for (let j = 0; j < offers.length; j++) touch(offers[j]!), (historyDot[offers[j]!]! += v);
    }
    for (const [t, d] of p.disliked) {
      const offers = index.tagPostings[t]!;
      const v = d * index.tagIdf[t]!;
      for (let j = 0; j < offers.length; j++) dislikedDot[offers[j]!]! += v;
    }
    let qNorm = 0;
    for (const [token, qw] of p.query) {
      const idf = index.tokenIdf[token]!;
      qNorm += (qw * idf) ** 2;
      const { offers, weights } = index.tokenPostings[token]!;
      const q = qw * idf * idf;
      const named = p.tokenNeeds.get(token);
      for (let j = 0; j < offers.length; j++) {
        const o = offers[j]!;
        touch(o);
        textDot[o]! += q * weights[j]!;
        if (named) for (const k of named) needMatch[o * MAX_NEEDS + k] = Math.max(needMatch[o * MAX_NEEDS + k]!, weights[j]! >= 2 ? w.titleMatch : w.descriptionMatch);
      }
    }
    qNorm = Math.sqrt(qNorm) || 1;

    const { offerTextNorm, offerTagIdfSum, offerOwner, offerActive, offerPending } = index;
    const viewerOwner = index.ownerIndexById.get(viewer.id) ?? -1;
    const ownerWantsViewer = new Int8Array(index.ownerIds.length).fill(-1);
    const wanted = p.wanted || 1;
    const positive: number[] = [];
    for (let i = 0; i < touched.length; i++) {
      const o = touched[i]!;
      const owner = offerOwner[o]!;
      if (!offerActive[o] || owner === viewerOwner || blocked[o]) continue;
      let met = historyDot[o]!;
      for (let k = 0; k < needs.length; k++) met += needs[k]!.weight * needMatch[o * MAX_NEEDS + k]!;
      const cov = met / wanted;
      const text = textDot[o]! > 0 ? textDot[o]! / (qNorm * offerTextNorm[o]!) : 0;
      const tagSum = offerTagIdfSum[o]!;
      const focus = tagSum > 0 ? Math.min(1, focusDot[o]! / tagSum) : 0;
      let s = w.coverageShare * cov + w.textShare * text + w.focusShare * focus;
      if (s <= 0) continue;
      if (mutualWith(index, p, o, ownerWantsViewer)) s += w.mutualBonus;
      if (p.metMask[owner]) s *= w.metFactor;
      if (tagSum > 0 && dislikedDot[o]! > 0) s *= 1 - w.vetoPenalty * Math.min(1, dislikedDot[o]! / tagSum);
      score[o] = s * fairnessOf(offerPending[o]!, w);
      coverage[o] = cov;
      textDot[o] = text;
      focusDot[o] = focus;
      sorted[positive.length] = score[o]!;
      positive.push(o);
    }

    let winners = positive;
    if (positive.length > keep) {
      const threshold = sorted.subarray(0, positive.length).sort()[positive.length - keep]!;
      winners = positive.filter((o) => score[o]! >= threshold);
    }
    const ranked = winners.sort((a, b) => score[b]! - score[a]! || a - b);
    return (choose ? choose(ranked, score) : ranked.slice(0, keep)).map((o) => candidate(index, p, buf, o, ownerWantsViewer));
  } finally {
    for (const o of touched) {
      needMatch.fill(0, o * MAX_NEEDS, o * MAX_NEEDS + needs.length);
      historyDot[o] = 0;
      textDot[o] = 0;
      focusDot[o] = 0;
      dislikedDot[o] = 0;
      seen[o] = 0;
    }
    for (const [t] of p.disliked) for (const o of index.tagPostings[t]!) dislikedDot[o] = 0;
    for (const o of p.excluded) blocked[o] = 0;
  }
}

/** Offers whose text names need `k` by all words of a multi-word spelling: the title counts more than the description. */
function matchPhrase(index: MatchIndex, group: readonly number[], k: number, w: MatchWeights, needMatch: Float32Array, touch: (o: number) => void): void {
  if (group.length === 0) return;
  const [rarest, ...rest] = [...group].sort((a, b) => index.tokenPostings[a]!.offers.length - index.tokenPostings[b]!.offers.length);
  const { offers, weights } = index.tokenPostings[rarest!]!;
  for (let j = 0; j < offers.length; j++) {
    const o = offers[j]!;
    let inTitle = weights[j]! >= 2;
    let all = true;
    for (const token of rest) {
      const tw = tokenWeightIn(index, token, o);
      if (tw === 0) {
        all = false;
        break;
      }
      inTitle &&= tw >= 2;
    }
    if (!all) continue;
    const strength = inTitle ? w.titleMatch : w.descriptionMatch;
    const at = o * MAX_NEEDS + k;
    if (strength > needMatch[at]!) {
      touch(o);
      needMatch[at] = strength;
    }
  }
}

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

function candidate(index: MatchIndex, p: Profile, buf: Scratch, o: number, ownerWantsViewer: Int8Array): Candidate {
  let mainTag = -1;
  let mainStrength = 0;
  for (const t of index.offerTags[o]!) {
    const strength = (p.interest.get(t) ?? 0) * index.tagIdf[t]! ** 2;
    if (strength > mainStrength) (mainStrength = strength), (mainTag = t);
  }
  const covered = p.needs.filter((_, k) => buf.needMatch[o * MAX_NEEDS + k]! >= p.w.titleMatch).map((n) => n.slug);
  return {
    o,
    score: buf.score[o]!,
    coverage: buf.coverage[o]!,
    textFit: buf.textDot[o]!,
    focus: buf.focusDot[o]!,
    mutual: mutualWith(index, p, o, ownerWantsViewer),
    met: p.metMask[index.offerOwner[o]!] === 1,
    fairness: fairnessOf(index.offerPending[o]!, p.w),
    mainTag,
    covered,
  };
}

/** Greedy re-rank (MMR-like): each earlier pick from the same owner or on the same main tag discounts a candidate. */
function diversify(index: MatchIndex, ranked: Candidate[], limit: number, w: MatchWeights): Candidate[] {
  const taken = new Uint8Array(ranked.length);
  const perOwner = new Map<number, number>();
  const perTag = new Map<number, number>();
  const picks: Candidate[] = [];
  while (picks.length < Math.min(limit, ranked.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < ranked.length; i++) {
      if (taken[i]) continue;
      const c = ranked[i]!;
      const value = c.score * w.diversityOwner ** (perOwner.get(index.offerOwner[c.o]!) ?? 0) * w.diversityTag ** (perTag.get(c.mainTag) ?? 0);
      if (value > bestValue) (bestValue = value), (best = i);
    }
    const c = ranked[best]!;
    taken[best] = 1;
    picks.push(c);
    const owner = index.offerOwner[c.o]!;
    perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
    if (c.mainTag >= 0) perTag.set(c.mainTag, (perTag.get(c.mainTag) ?? 0) + 1);
  }
  return picks;
}

function toScored(index: MatchIndex, p: Profile, c: Candidate): ScoredOffer {
  const offer = index.offers[c.o]!;
  return {
    offerId: offer.id,
    ownerId: offer.ownerId,
    score: c.score,
    mutual: c.mutual,
    ...explain(index, p, c),
    signals: { coverage: c.coverage, textFit: c.textFit, focus: c.focus, met: c.met, fairness: c.fairness },
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

/** The `limit` best owners of ranked offers: an owner's best offer counts fully, the next two half and a quarter. */
function bestOwners<T>(index: MatchIndex, ranked: readonly T[], offerOf: (c: T) => number, scoreOf: (c: T) => number, limit: number) {
  const byOwner = new Map<number, { score: number; offers: T[] }>();
  for (const c of ranked) {
    const owner = index.offerOwner[offerOf(c)]!;
    const person = byOwner.get(owner);
    if (!person) byOwner.set(owner, { score: scoreOf(c), offers: [c] });
    else if (person.offers.length < 3) {
      person.score += scoreOf(c) * 0.5 ** person.offers.length;
      person.offers.push(c);
    }
  }
  return [...byOwner].sort(([a, pa], [b, pb]) => pb.score - pa.score || a - b).slice(0, limit);
}

/**
 * People to suggest, from the same offer scores: a person's best offer counts fully, the next
 * two half and a quarter, so someone with three good sessions edges out a one-hit owner. Owners
 * are ranked on the bare scores first; only their offers become candidates (with reasons), which
 * at 20,000 offers is a few dozen instead of thousands.
 */
export function peopleToMeet(index: MatchIndex, viewer: MatchViewer, options: Omit<RecommendOptions, "diversity"> = {}): PersonMatch[] {
  const limit = options.limit ?? 10;
  const p = buildProfile(index, viewer, options);
  const chosen = scoreCandidates(index, viewer, p, Infinity, (ranked, score) => {
    const keep = new Set(
      bestOwners(
        index,
        ranked,
        (o) => o,
        (o) => score[o]!,
        limit,
      ).flatMap(([, person]) => person.offers),
    );
    return ranked.filter((o) => keep.has(o));
  });
  return bestOwners(
    index,
    chosen,
    (c) => c.o,
    (c) => c.score,
    limit,
  ).map(([owner, person]) => ({
    personId: index.ownerIds[owner]!,
    score: person.score,
    mutual: person.offers.some((c) => c.mutual),
    reason: explain(index, p, person.offers[0]!).reason,
    offerIds: person.offers.map((c) => index.offers[c.o]!.id),
  }));
}

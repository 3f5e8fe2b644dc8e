/**
 * Plain shapes the matching core works on. The repository maps Prisma rows into these;
 * tags are expected to be normalized already (lib/tags normalizeTag).
 */
export type OfferLevel = "beginner" | "intermediate" | "expert";

export interface MatchOffer {
  id: string;
  ownerId: string;
  /** What the offer's owner wants to learn: makes a match mutual. */
  ownerSeekTags: readonly string[];
  tags: readonly string[];
  title: string;
  description: string;
  /** Requests waiting on this owner across all their offers: popular people are ranked down. */
  ownerPendingRequests: number;
  level: OfferLevel;
  active: boolean;
}

export interface MatchViewer {
  id: string;
  seekTags: readonly string[];
  offerTags: readonly string[];
  /** Free text about the viewer (profile bio): matched against offers' words, weakly. */
  bio?: string;
  viewedOfferIds?: readonly string[];
  /** Tags of things viewed outside the index (e.g. a tag page); counted like a viewed offer's tags. */
  viewedTags?: readonly string[];
  requestedOfferIds?: readonly string[];
  /** Requests the expert accepted: the strongest sign of what the viewer wants. */
  acceptedOfferIds?: readonly string[];
  /** "Not for me": never shown again, and their distinctive tags count against similar offers. */
  vetoedOfferIds?: readonly string[];
  metPersonIds?: readonly string[];
}

export interface MatchWeights {
  /**
   * An offer's fit is coverageShare × coverage + textShare × text + focusShare × focus:
   * coverage = IDF-weighted share of the viewer's needs the offer meets (a tag counts fully, the
   * title titleMatch, the description descriptionMatch); text = cosine of the offer's words with the
   * needs' (and bio's) words; focus = share of the offer's tag IDF that is on the viewer's needs.
   */
  coverageShare: number;
  textShare: number;
  focusShare: number;
  titleMatch: number;
  descriptionMatch: number;
  /** Weight of the profile bio's words against a need's own words in the text part. */
  bioWeight: number;
  /** Interest weight a tag gets per viewed / requested / accepted offer carrying it, capped by historyCap (a need is 1). */
  viewWeight: number;
  requestWeight: number;
  acceptWeight: number;
  historyCap: number;
  /** Expansion tokens per tag learned from the corpus, and how much they count against the tag's own words. */
  expansionTokens: number;
  expansionWeight: number;
  /**
   * Added to a mutual match's fit: a tie-breaker among equally good fits, smaller than the gap a
   * covered need makes, so a mutual one-need match never outranks an offer that meets more needs.
   */
  mutualBonus: number;
  /** Multiplier for offers from people the viewer has already met. */
  metFactor: number;
  /**
   * Popular owners are ranked down, boundedly: factor = 1 − fairnessMax × pending / (pending +
   * fairnessHalfAt), so a busy expert loses at most fairnessMax of their fit and the long tail gets seen.
   */
  fairnessMax: number;
  fairnessHalfAt: number;
  /** "Not for me" teaches: offers whose tags are mostly a vetoed offer's non-needed tags lose up to this share. */
  vetoPenalty: number;
  /** Greedy re-rank: multiplier per earlier pick from the same owner, and per earlier pick on the same main tag. */
  diversityOwner: number;
  diversityTag: number;
  /** How many of the best candidates (× limit) the re-rank considers. */
  diversityPool: number;
}

export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = {
  coverageShare: 0.75,
  textShare: 0.15,
  focusShare: 0.1,
  titleMatch: 0.7,
  descriptionMatch: 0.45,
  bioWeight: 0.3,
  viewWeight: 0.25,
  requestWeight: 0.5,
  acceptWeight: 0.75,
  historyCap: 0.75,
  expansionTokens: 8,
  expansionWeight: 0.5,
  mutualBonus: 0.02,
  metFactor: 0.4,
  fairnessMax: 0.3,
  fairnessHalfAt: 8,
  vetoPenalty: 0.3,
  diversityOwner: 0.35,
  diversityTag: 0.8,
  diversityPool: 5,
};

export interface ScoredOffer {
  offerId: string;
  ownerId: string;
  score: number;
  mutual: boolean;
  /** One line a person reads: "Matches your interest in LinuxKit". */
  reason: string;
  /** The tag behind the strongest signal, if any: for grouping and the diversity re-rank. */
  mainTag: string | null;
  signals: { coverage: number; textFit: number; focus: number; met: boolean; fairness: number };
}

export interface PersonMatch {
  personId: string;
  score: number;
  mutual: boolean;
  reason: string;
  /** Their best offers for this viewer, best first (at most 3). */
  offerIds: string[];
}

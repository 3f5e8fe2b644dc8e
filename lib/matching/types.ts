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
  viewedOfferIds?: readonly string[];
  /** Tags of things viewed outside the index (e.g. a tag page); counted like a viewed offer's tags. */
  viewedTags?: readonly string[];
  requestedOfferIds?: readonly string[];
  vetoedOfferIds?: readonly string[];
  metPersonIds?: readonly string[];
}

export interface MatchWeights {
  /** Share of relevance from IDF-weighted tag overlap; the rest is text match. */
  tagShare: number;
  /** Interest weight a tag gets per viewed / requested offer carrying it, capped by historyCap. */
  viewWeight: number;
  requestWeight: number;
  historyCap: number;
  /** Expansion tokens per tag learned from the corpus, and how much they count against the tag's own words. */
  expansionTokens: number;
  expansionWeight: number;
  /** Multiplier for mutual matches (1.5 = +50%). */
  mutualBoost: number;
  /** Multiplier for offers from people the viewer has already met. */
  metFactor: number;
  /** Pending requests at which an owner's offers score half: factor = 1 / (1 + pending / this). */
  fairnessHalfAt: number;
  /** Greedy re-rank: multiplier per earlier pick from the same owner, and per earlier pick on the same main tag. */
  diversityOwner: number;
  diversityTag: number;
  /** How many of the best candidates (× limit) the re-rank considers. */
  diversityPool: number;
}

export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = {
  tagShare: 0.7,
  viewWeight: 0.25,
  requestWeight: 0.5,
  historyCap: 0.75,
  expansionTokens: 8,
  expansionWeight: 0.5,
  mutualBoost: 1.5,
  metFactor: 0.4,
  fairnessHalfAt: 8,
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
  signals: { tagFit: number; textFit: number; met: boolean; fairness: number };
}

export interface PersonMatch {
  personId: string;
  score: number;
  mutual: boolean;
  reason: string;
  /** Their best offers for this viewer, best first (at most 3). */
  offerIds: string[];
}

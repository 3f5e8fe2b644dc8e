import type { OfferLevel as MatchLevel } from "@/lib/matching/types";
import { isCuratedTag, normalizeTag } from "@/lib/tags/rules";
import type { OfferLevelName, OfferSummary } from "./schema";

export const LEVEL_LABELS: Record<OfferLevelName, string> = {
  INTRO: "Intro",
  PRACTITIONER: "Practitioner",
  DEEP_DIVE: "Deep dive",
};

/** The matching core speaks beginner / intermediate / expert. */
export const MATCH_LEVEL: Record<OfferLevelName, MatchLevel> = {
  INTRO: "beginner",
  PRACTITIONER: "intermediate",
  DEEP_DIVE: "expert",
};

/** What the offer rules need to know about a viewer. */
export interface Viewer {
  id: string;
  role: "ATTENDEE" | "ORGANIZER";
}

export interface OfferVisibility {
  ownerId: string;
  active: boolean;
  hiddenAt: Date | null;
  ownerVisibility: "HIDDEN" | "BASIC" | "FULL";
}

/**
 * Paused or organizer-hidden offers, and offers of people who hid their profile, are seen only by
 * their owner and organizers; everyone else gets "not found", so hiding cannot be probed.
 */
export function canSeeOffer(offer: OfferVisibility, viewer: Viewer): boolean {
  if (offer.ownerId === viewer.id || viewer.role === "ORGANIZER") return true;
  return offer.active && offer.hiddenAt === null && offer.ownerVisibility !== "HIDDEN";
}

/**
 * Plain text from the start of a Markdown description, for cards. Only Markdown's own marks go:
 * hyphens and underscores inside words (`go-plugins-helpers`, `DOCKER_CONTENT_TRUST`, `--opt`)
 * and the text of code spans stay as written.
 */
export function excerpt(markdown: string, max = 180): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^\s{0,3}([-*_]\s*){3,}$/gm, " ")
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
    .replace(/\s*\|\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max * 0.6)).trimEnd()}…`;
}

export const MAX_SEARCH_TERMS = 8;

/** Lower-case words of a search, accents folded, duplicates dropped; only [a-z0-9] survives. */
export function searchTerms(q: string): string[] {
  const words = q
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  return [...new Set(words ?? [])].slice(0, MAX_SEARCH_TERMS);
}

/**
 * One search word as tsquery text: a prefix match (results update while typing), or'ed with the
 * curated tag it is a synonym of, so "k8s" also finds Kubernetes, and with the vocabulary words a
 * misspelt word stands for ("secerts" → secrets). Terms are [a-z0-9]+ only, so the text cannot
 * carry tsquery operators; it is still passed to PostgreSQL as a parameter.
 */
export function termQuery(term: string, corrections: readonly string[] = []): string {
  const alternatives = [`${term}:*`];
  const tag = normalizeTag(term);
  if (tag.ok && tag.value !== term && isCuratedTag(tag.value)) {
    const words = tag.value.split("-").filter(Boolean);
    alternatives.push(words.length === 1 ? `${words[0]}:*` : `(${words.map((w) => `${w}:*`).join(" & ")})`);
  }
  for (const word of corrections) if (/^[a-z0-9]+$/.test(word)) alternatives.push(`${word}:*`);
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" | ")})`;
}

/** All words must match (each as a prefix, or one of its corrections): "kube oper" narrows as a person types. */
export function allTermsQuery(terms: readonly string[], corrections: ReadonlyMap<string, readonly string[]> = new Map()): string {
  return terms.map((t) => termQuery(t, corrections.get(t))).join(" & ");
}

/**
 * When no offer has every word: the words some offer has are or'ed (each one an offer has counts
 * toward its rank), and the words no offer has are named instead of emptying the page.
 * `hits[i]` says whether any offer matches `queries[i]`, the tsquery text of `terms[i]`.
 */
export function mostTermsPlan(terms: readonly string[], queries: readonly string[], hits: readonly boolean[]): { found: string[]; any: string | null; unmatched: string[] } {
  const found = queries.filter((_, i) => hits[i]);
  return { found, any: found.length ? found.join(" | ") : null, unmatched: terms.filter((_, i) => !hits[i]) };
}

/** What an offer says about itself: written by its owner, shown on its card. */
export interface OfferContent {
  title: string;
  description: string;
  tags: string[];
  level: OfferLevelName;
  lengthMinutes: number;
  labTemplate: string | null;
}

/** The fields an offer card shows; search rows and stored offers both carry them. */
export interface SummarySource extends OfferContent {
  id: string;
  ownerId: string;
  ownerName: string;
  ownerHeadline: string;
}

export function toSummary(r: SummarySource): OfferSummary {
  return {
    id: r.id,
    title: r.title,
    excerpt: excerpt(r.description),
    tags: r.tags,
    level: r.level,
    lengthMinutes: r.lengthMinutes,
    labTemplate: r.labTemplate,
    owner: { id: r.ownerId, name: r.ownerName, headline: r.ownerHeadline },
  };
}

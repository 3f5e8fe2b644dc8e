import { tagLabel, tagPhrase } from "@/lib/tags/rules";
import type { MatchIndex } from "./match-index";
import type { Profile } from "./profile";
import { tokenize } from "./text";

/** What the explanation needs to know about one scored offer. */
export interface Explained {
  o: number;
  mutual: boolean;
  /** Strongest tag by interest × IDF², or -1 when only text matched. */
  mainTag: number;
  /** The needs the offer meets by a tag or its title, in the viewer's order. */
  covered: readonly string[];
}

const COUNT_WORDS = ["", "one", "two", "three", "four", "five"];

/** "Matches both of your needs: Windows containers, .NET" — only when the score rests on that. */
function coveredReason(p: Profile, covered: readonly string[]): string {
  const list = covered.map(tagPhrase).join(", ");
  const total = p.needs.length;
  if (covered.length === total) return total === 2 ? `Matches both of your needs: ${list}` : `Matches all ${total} of your needs: ${list}`;
  return `Matches ${COUNT_WORDS[covered.length] ?? covered.length} of your ${total} needs: ${list}`;
}

/** The need whose words matched the offer's text most, for offers that matched on text only. */
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

/** One line a person reads, from the signal the score rests on most. */
export function explain(index: MatchIndex, p: Profile, c: Explained): { reason: string; mainTag: string | null } {
  const offer = index.offers[c.o]!;
  const owner = index.offerOwner[c.o]!;
  if (c.covered.length >= 2) return { reason: coveredReason(p, c.covered), mainTag: c.mainTag >= 0 ? index.tagSlugs[c.mainTag]! : c.covered[0]! };
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
      const reason = offer.level === "expert" ? `${tagLabel(slug)} expert — you're looking to learn it` : `Matches your interest in ${tagPhrase(slug)}`;
      return { reason, mainTag: slug };
    }
    const reason = p.historySource.get(c.mainTag) === "requested" ? `Like the ${tagPhrase(slug)} sessions you requested` : `Like the ${tagPhrase(slug)} sessions you looked at`;
    return { reason, mainTag: slug };
  }
  const slug = c.covered[0] ?? textTag(index, p, c.o);
  return slug === null ? { reason: "Related to what you're looking for", mainTag: null } : { reason: `Its description fits your interest in ${tagPhrase(slug)}`, mainTag: slug };
}

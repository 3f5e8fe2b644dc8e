/**
 * Typo correction for search words against the vocabulary the database keeps ("OfferSearchWord":
 * every word of an offer's title, tags and expert's name). Edit distance suits short words where
 * trigrams do not: "rsut" and "rust" share no trigram, yet one transposition apart.
 * See docs/decisions/0009-matching-relevance.md.
 */

/** Edits a word may be away from a vocabulary word: none below 4 letters, 1 up to 6, 2 from 7. */
export function maxEdits(word: string): number {
  if (word.length < 4) return 0;
  return word.length <= 6 ? 1 : 2;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), or max + 1 as soon as it must exceed max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

export interface Vocabulary {
  /** Sorted, distinct. */
  readonly words: readonly string[];
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

export function vocabularyOf(words: Iterable<string>): Vocabulary {
  const sorted = [...new Set(words)].sort();
  const byLength = new Map<number, string[]>();
  for (const w of sorted) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  return { words: sorted, byLength };
}

/** A word some vocabulary word starts with (people search while typing, so prefixes are words too). */
export function isKnown(vocabulary: Vocabulary, word: string): boolean {
  const { words } = vocabulary;
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo < words.length && words[lo]!.startsWith(word);
}

const sharedPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};

/**
 * The closest vocabulary words within maxEdits(word), best first: fewest edits, then the longer
 * shared start (people slip later in a word more often than at its first letter), then alphabetical.
 */
export function corrections(vocabulary: Vocabulary, word: string, limit = 3): string[] {
  const max = maxEdits(word);
  if (max === 0) return [];
  const found: { w: string; d: number; p: number }[] = [];
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const w of vocabulary.byLength.get(len) ?? []) {
      if (w === word) continue;
      const d = editDistance(word, w, max);
      if (d <= max) found.push({ w, d, p: sharedPrefix(word, w) });
    }
  }
  if (found.length === 0) return [];
  const fewest = Math.min(...found.map((f) => f.d));
  return found
    .filter((f) => f.d === fewest)
    .sort((x, y) => y.p - x.p || (x.w < y.w ? -1 : 1))
    .slice(0, limit)
    .map((f) => f.w);
}

import type { ReactNode } from "react";

/** Wraps the words that start with one of the search terms in <mark>. */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }): ReactNode {
  const usable = terms.filter((t) => t.length >= 2);
  if (usable.length === 0) return text;
  const escaped = usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`\\b(${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu");
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <mark key={match.index} className="rounded bg-amber-100 px-0.5 text-inherit">
        {match[0]}
      </mark>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

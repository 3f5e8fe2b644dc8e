const STOPWORDS = new Set(
  `a an and are as at be but by can do for from how i in into is it its me my of on or our so
  that the their them then there these this to up we what when where which who why will with you
  your about all also any get just more most new not one only other out over some than very via
  use using used session sessions learn talk chat happy help show share`.split(/\s+/),
);

/** Very light stemming so "containers"/"container" and "builds"/"build" meet. */
function stem(token: string): string {
  if (token.length > 4 && token.endsWith("ies")) return `${token.slice(0, -3)}y`;
  if (token.length > 4 && token.endsWith("s") && !token.endsWith("ss")) return token.slice(0, -1);
  return token;
}

/** Lowercased word tokens without stopwords; the same function runs on offers and on queries. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOPWORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

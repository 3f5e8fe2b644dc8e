import { Prisma, type Db } from "@/lib/db";
import { remember } from "@/lib/singleton";
import { isCuratedTag, normalizeTag } from "@/lib/tags/rules";
import { allTermsQuery, mostTermsPlan, searchTerms, termQuery, toSummary, type SummarySource } from "./rules";
import type { OfferLevelName, OfferSummary } from "./schema";
import { corrections, isKnown, maxEdits, vocabularyOf, type Vocabulary } from "./spelling";

/**
 * Offer search over the trigger-kept columns of migration 20261128100000_offers_search
 * (docs/decisions/0005-offer-search.md, 0009-matching-relevance.md). Ranked full-text search with
 * every word as a prefix. A word that matches no offer as typed also stands for its closest words
 * in the vocabulary the database keeps (Damerau–Levenshtein: 1 edit for 4–6 letters, 2 for longer),
 * and the page says so. When no offer matches every word, offers matching most of them come back,
 * ranked lower, and the words nothing matched are named: one stray word never empties the page.
 * All input reaches SQL as parameters.
 */
export interface SearchInput {
  q?: string;
  tag?: string;
  level?: OfferLevelName;
  length?: number;
  hasLab?: boolean;
  page: number;
  limit: number;
}

export type SearchHit = OfferSummary & { score: number };

export interface SearchPage {
  items: SearchHit[];
  total: number;
  /** True when a misspelt word was searched as similar vocabulary words too. */
  fuzzy: boolean;
  /** Each corrected word and the vocabulary word shown for it ("secerts" → "secrets"). */
  corrections: { from: string; to: string }[];
  /** The search with its corrections, for "Showing results for …"; null when nothing was corrected. */
  showingResultsFor: string | null;
  /** Words no offer matched even corrected: the results match the other words, ranked lower for it. */
  unmatched: string[];
}

/** How many vocabulary words a misspelt word may stand for. */
const FUZZY_ALTERNATIVES = 3;
/** ts_rank_cd weights for D, C, B, A. */
const RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}";

interface Row extends SummarySource {
  score: number;
  total: bigint;
}

function filters(input: SearchInput): Prisma.Sql[] {
  const where = [
    Prisma.sql`o."active"`,
    Prisma.sql`o."hiddenAt" IS NULL`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Profile" p WHERE p."userId" = o."ownerId" AND p."visibility" = 'HIDDEN')`,
  ];
  if (input.tag) {
    const tag = normalizeTag(input.tag);
    // Containment, not `= ANY`, so the tags' GIN index can answer it.
    where.push(Prisma.sql`o."tags" @> ARRAY[${tag.ok ? tag.value : input.tag}]::text[]`);
  }
  if (input.level) where.push(Prisma.sql`o."level" = ${input.level}::"OfferLevel"`);
  if (input.length) where.push(Prisma.sql`o."lengthMinutes" = ${input.length}`);
  if (input.hasLab === true) where.push(Prisma.sql`o."labTemplate" IS NOT NULL`);
  if (input.hasLab === false) where.push(Prisma.sql`o."labTemplate" IS NULL`);
  return where;
}

/**
 * One page of hits and their total. The matching offers are ranked by id and score alone; only the
 * page's rows are joined to their owners, so a page costs the ranking of the matches, not a join
 * and a window count over every visible offer (what made the Offers page slow at 20,000 offers).
 * `first`, when given, orders before the score (how many of the words an offer has).
 */
function select(score: Prisma.Sql, where: Prisma.Sql[], input: SearchInput, first?: Prisma.Sql): Prisma.Sql {
  const order = Prisma.sql`${first ? Prisma.sql`h."first" DESC,` : Prisma.empty} h."score" DESC, h."createdAt" DESC, h."id"`;
  return Prisma.sql`
    WITH hits AS (
      SELECT o."id", o."createdAt", (${score})::float8 AS "score"${first ? Prisma.sql`, ${first} AS "first"` : Prisma.empty}
        FROM "Offer" o
       WHERE ${Prisma.join(where, " AND ")}
    ), page AS (
      SELECT * FROM hits h ORDER BY ${order} LIMIT ${input.limit} OFFSET ${(input.page - 1) * input.limit}
    )
    SELECT o."id", o."title", left(o."description", 600) AS "description", o."tags", o."level"::text AS "level",
           o."lengthMinutes", o."labTemplate", o."ownerId", u."name" AS "ownerName",
           coalesce(p."headline", '') AS "ownerHeadline", h."score", (SELECT count(*) FROM hits) AS "total"
      FROM page h
      JOIN "Offer" o ON o."id" = h."id"
      JOIN "User" u ON u."id" = o."ownerId"
      LEFT JOIN "Profile" p ON p."userId" = o."ownerId"
     ORDER BY ${order}`;
}

type Spelling = Pick<SearchPage, "fuzzy" | "corrections" | "showingResultsFor" | "unmatched">;
const AS_TYPED: Spelling = { fuzzy: false, corrections: [], showingResultsFor: null, unmatched: [] };

function toPage(rows: Row[], spelling: Spelling): SearchPage {
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    ...spelling,
    items: rows.map((r) => ({ ...toSummary(r), score: Number(r.score.toFixed(4)) })),
  };
}

/** Beyond the last page the window count is missing; count separately so the total stays right. */
async function withTotal(db: Db, page: SearchPage, input: SearchInput, where: Prisma.Sql[]): Promise<SearchPage> {
  if (page.items.length > 0 || input.page === 1) return page;
  const [row] = await db.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS "total" FROM "Offer" o WHERE ${Prisma.join(where, " AND ")}`;
  return { ...page, total: Number(row?.total ?? 0) };
}

interface CachedVocabulary {
  vocabulary: Vocabulary;
  size: number;
}

/** Per database: words are only ever added, so a changed count is the one sign it must be re-read. */
const vocabularies = remember("offers:search-vocabulary", () => new WeakMap<Db, CachedVocabulary>());

async function vocabularyOfDb(db: Db, fresh: boolean): Promise<Vocabulary> {
  const cached = vocabularies.get(db);
  if (cached && !fresh) return cached.vocabulary;
  const [row] = await db.$queryRaw<{ size: bigint }[]>`SELECT count(*) AS "size" FROM "OfferSearchWord"`;
  const size = Number(row?.size ?? 0);
  if (cached && cached.size === size) return cached.vocabulary;
  const words = await db.$queryRaw<{ word: string }[]>`SELECT "word" FROM "OfferSearchWord"`;
  const vocabulary = vocabularyOf(words.map((w) => w.word).filter((w) => /^[a-z0-9]+$/.test(w)));
  vocabularies.set(db, { vocabulary, size });
  return vocabulary;
}

/**
 * For each term, whether any offer (visible or not: the vocabulary keeps them all) matches the
 * tsquery text. A count, not EXISTS: for EXISTS the planner expects an early hit and scans the
 * table, and a misspelt word (the only kind asked) has none, so it read all 20,000 rows; the count
 * goes through the search index.
 */
async function matchesAnything(db: Db, queries: readonly string[]): Promise<boolean[]> {
  if (queries.length === 0) return [];
  const rows = await db.$queryRaw<{ i: number; hit: boolean }[]>`
    SELECT t."i"::int AS "i", (SELECT count(*) FROM "Offer" o WHERE o."searchVector" @@ to_tsquery('english', t."q")) > 0 AS "hit"
      FROM unnest(${[...queries]}::text[]) WITH ORDINALITY AS t("q", "i")`;
  const hits = new Array<boolean>(queries.length).fill(false);
  for (const r of rows) hits[r.i - 1] = r.hit;
  return hits;
}

const isSynonym = (term: string) => {
  const tag = normalizeTag(term);
  return tag.ok && tag.value !== term && isCuratedTag(tag.value);
};

/** Vocabulary words for each term that matches nothing as typed ("secerts" → ["secrets"]). */
async function correctTerms(db: Db, terms: readonly string[]): Promise<Map<string, string[]>> {
  const fixes = new Map<string, string[]>();
  const unknownTo = (v: Vocabulary) => terms.filter((t) => maxEdits(t) > 0 && !isSynonym(t) && !isKnown(v, t));
  let suspects = unknownTo(await vocabularyOfDb(db, false));
  if (suspects.length === 0) return fixes;
  const vocabulary = await vocabularyOfDb(db, true);
  suspects = unknownTo(vocabulary);
  // A word only in descriptions is not in the vocabulary, yet matches as typed: leave it alone.
  const hits = await matchesAnything(
    db,
    suspects.map((t) => termQuery(t)),
  );
  for (const [i, term] of suspects.entries()) {
    if (hits[i]) continue;
    const words = corrections(vocabulary, term, FUZZY_ALTERNATIVES);
    if (words.length > 0) fixes.set(term, words);
  }
  return fixes;
}

const rankOf = (query: string) => Prisma.sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], o."searchVector", to_tsquery('english', ${query}))`;

export async function searchOffers(db: Db, input: SearchInput): Promise<SearchPage> {
  const terms = searchTerms(input.q ?? "");
  const base = filters(input);
  if (terms.length === 0) {
    const rows = await db.$queryRaw<Row[]>(select(Prisma.sql`0`, base, input));
    return withTotal(db, toPage(rows, AS_TYPED), input, base);
  }

  const fixes = await correctTerms(db, terms);
  const spelling: Spelling = {
    fuzzy: fixes.size > 0,
    corrections: [...fixes].map(([from, words]) => ({ from, to: words[0]! })),
    showingResultsFor: fixes.size > 0 ? terms.map((t) => fixes.get(t)?.[0] ?? t).join(" ") : null,
    unmatched: [],
  };
  const queries = terms.map((t) => termQuery(t, fixes.get(t)));
  const all = allTermsQuery(terms, fixes);
  const allWhere = [...base, Prisma.sql`o."searchVector" @@ to_tsquery('english', ${all})`];
  const every = await withTotal(db, toPage(await db.$queryRaw<Row[]>(select(rankOf(all), allWhere, input)), spelling), input, allWhere);
  if (every.total > 0) return every;
  if (terms.length === 1) return { ...every, unmatched: terms };

  // No offer has every word: rank those with the most of them first; a missing word costs its share.
  const { found, any, unmatched } = mostTermsPlan(terms, queries, await matchesAnything(db, queries));
  if (any === null) return { ...every, unmatched };
  const matched = Prisma.join(
    found.map((q) => Prisma.sql`(o."searchVector" @@ to_tsquery('english', ${q}))::int`),
    " + ",
  );
  const anyWhere = [...base, Prisma.sql`o."searchVector" @@ to_tsquery('english', ${any})`];
  const score = Prisma.sql`${rankOf(any)} * (${matched})::float8 / ${terms.length}`;
  const rows = await db.$queryRaw<Row[]>(select(score, anyWhere, input, Prisma.sql`(${matched})`));
  return withTotal(db, toPage(rows, { ...spelling, unmatched }), input, anyWhere);
}

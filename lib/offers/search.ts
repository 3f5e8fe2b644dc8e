import { Prisma, type Db } from "@/lib/db";
import { normalizeTag } from "@/lib/tags/rules";
import { allTermsQuery, searchTerms, termQuery, toSummary, type SummarySource } from "./rules";
import type { OfferLevelName, OfferSummary } from "./schema";

/**
 * Offer search over the trigger-kept columns of migration 20261128100000_offers_search
 * (docs/decisions/0005-offer-search.md). Ranked full-text search with every word as a prefix;
 * when that finds fewer than FUZZY_BELOW offers, each word of 4+ letters may also stand for the
 * most similar words of the offers' vocabulary (pg_trgm), so "kubernets" and "linuxkti" still
 * find their offers.
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
  fuzzy: boolean;
}

export const FUZZY_BELOW = 3;
/** pg_trgm similarity a vocabulary word needs to stand in for a search word: "linuxkti" ~ "linuxkit" is 0.5. */
export const FUZZY_THRESHOLD = 0.4;
/** How many similar words each search word may stand for. */
const FUZZY_ALTERNATIVES = 3;
/** Words shorter than this only match exactly (as prefixes): their trigrams say too little. */
const FUZZY_MIN_LENGTH = 4;
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
    Prisma.sql`(p."visibility" IS NULL OR p."visibility" <> 'HIDDEN')`,
  ];
  if (input.tag) {
    const tag = normalizeTag(input.tag);
    where.push(Prisma.sql`${tag.ok ? tag.value : input.tag} = ANY(o."tags")`);
  }
  if (input.level) where.push(Prisma.sql`o."level" = ${input.level}::"OfferLevel"`);
  if (input.length) where.push(Prisma.sql`o."lengthMinutes" = ${input.length}`);
  if (input.hasLab === true) where.push(Prisma.sql`o."labTemplate" IS NOT NULL`);
  if (input.hasLab === false) where.push(Prisma.sql`o."labTemplate" IS NULL`);
  return where;
}

function select(score: Prisma.Sql, where: Prisma.Sql[], input: SearchInput): Prisma.Sql {
  return Prisma.sql`
    SELECT o."id", o."title", left(o."description", 600) AS "description", o."tags", o."level"::text AS "level",
           o."lengthMinutes", o."labTemplate", o."ownerId", u."name" AS "ownerName",
           coalesce(p."headline", '') AS "ownerHeadline", (${score})::float8 AS "score", count(*) OVER () AS "total"
      FROM "Offer" o
      JOIN "User" u ON u."id" = o."ownerId"
      LEFT JOIN "Profile" p ON p."userId" = o."ownerId"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY "score" DESC, o."createdAt" DESC, o."id"
     LIMIT ${input.limit} OFFSET ${(input.page - 1) * input.limit}`;
}

function toPage(rows: Row[], fuzzy: boolean): SearchPage {
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    fuzzy,
    items: rows.map((r) => ({ ...toSummary(r), score: Number(r.score.toFixed(4)) })),
  };
}

/** Beyond the last page the window count is missing; count separately so the total stays right. */
async function withTotal(db: Db, page: SearchPage, input: SearchInput, where: Prisma.Sql[]): Promise<SearchPage> {
  if (page.items.length > 0 || input.page === 1) return page;
  const [row] = await db.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS "total" FROM "Offer" o LEFT JOIN "Profile" p ON p."userId" = o."ownerId"
     WHERE ${Prisma.join(where, " AND ")}`;
  return { ...page, total: Number(row?.total ?? 0) };
}

export async function searchOffers(db: Db, input: SearchInput): Promise<SearchPage> {
  const terms = searchTerms(input.q ?? "");
  const base = filters(input);
  if (terms.length === 0) {
    const rows = await db.$queryRaw<Row[]>(select(Prisma.sql`0`, base, input));
    return withTotal(db, toPage(rows, false), input, base);
  }

  const all = allTermsQuery(terms);
  const exactWhere = [...base, Prisma.sql`o."searchVector" @@ to_tsquery('english', ${all})`];
  const exactScore = Prisma.sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], o."searchVector", to_tsquery('english', ${all}))`;
  const exact = toPage(await db.$queryRaw<Row[]>(select(exactScore, exactWhere, input)), false);
  if (exact.total >= FUZZY_BELOW || !terms.some((t) => t.length >= FUZZY_MIN_LENGTH)) {
    return withTotal(db, exact, input, exactWhere);
  }

  // Each word must match as typed or as one of the closest words of the vocabulary.
  const long = terms.filter((t) => t.length >= FUZZY_MIN_LENGTH);
  const [, similar] = await db.$transaction([
    db.$executeRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`,
    db.$queryRaw<{ term: string; word: string }[]>`
      SELECT t."term", w."word"
        FROM unnest(${long}::text[]) AS t("term")
        CROSS JOIN LATERAL (
          SELECT "word" FROM "OfferSearchWord" WHERE "word" % t."term"
           ORDER BY similarity("word", t."term") DESC, "word" LIMIT ${FUZZY_ALTERNATIVES}
        ) w`,
  ]);
  if (similar.length === 0) return withTotal(db, exact, input, exactWhere);
  const fuzzyQuery = terms
    .map((t) => {
      const words = similar.filter((s) => s.term === t && /^[a-z0-9]+$/.test(s.word)).map((s) => `${s.word}:*`);
      return words.length ? `(${[termQuery(t), ...words].join(" | ")})` : termQuery(t);
    })
    .join(" & ");
  const fuzzyWhere = [...base, Prisma.sql`o."searchVector" @@ to_tsquery('english', ${fuzzyQuery})`];
  const fuzzyScore = Prisma.sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], o."searchVector", to_tsquery('english', ${fuzzyQuery}))`;
  const fuzzy = toPage(await db.$queryRaw<Row[]>(select(fuzzyScore, fuzzyWhere, input)), true);
  return fuzzy.total > exact.total ? withTotal(db, fuzzy, input, fuzzyWhere) : withTotal(db, exact, input, exactWhere);
}

import { Prisma, type Db } from "@/lib/db";
import { normalizeTag } from "@/lib/tags/rules";
import { allTermsQuery, anyTermQuery, excerpt, searchTerms, termQuery } from "./rules";
import type { OfferLevelName, OfferSummary } from "./schema";

/**
 * Offer search over the trigger-kept columns of migration 20261128100000_offers_search
 * (docs/decisions/0005-offer-search.md). Ranked full-text search with every word as a prefix;
 * when that finds fewer than FUZZY_BELOW offers, each word may also match by trigram word
 * similarity (pg_trgm), so "kubernets" and "linuxkti" still find their offers.
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
/** pg_trgm word_similarity a misspelt word needs: "linuxkti" ~ "linuxkit" is 0.67. */
export const FUZZY_THRESHOLD = 0.5;
/** Words shorter than this only match exactly (as prefixes): their trigrams say too little. */
const FUZZY_MIN_LENGTH = 4;
/** ts_rank_cd weights for D, C, B, A. */
const RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}";

interface Row {
  id: string;
  title: string;
  description: string;
  tags: string[];
  level: OfferLevelName;
  lengthMinutes: number;
  labTemplate: string | null;
  ownerId: string;
  ownerName: string;
  ownerHeadline: string;
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
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      excerpt: excerpt(r.description),
      tags: r.tags,
      level: r.level,
      lengthMinutes: r.lengthMinutes,
      labTemplate: r.labTemplate,
      owner: { id: r.ownerId, name: r.ownerName, headline: r.ownerHeadline },
      score: Number(r.score.toFixed(4)),
    })),
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

  // Each word must match, exactly or by similar spelling; similar spellings add to the rank.
  const perTerm = terms.map((t) => {
    const fts = Prisma.sql`o."searchVector" @@ to_tsquery('english', ${termQuery(t)})`;
    return t.length >= FUZZY_MIN_LENGTH ? Prisma.sql`(${fts} OR ${t} <% o."searchText")` : fts;
  });
  const similarity = terms
    .filter((t) => t.length >= FUZZY_MIN_LENGTH)
    .map((t) => Prisma.sql`word_similarity(${t}, o."searchText")`);
  const fuzzyScore = Prisma.sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], o."searchVector", to_tsquery('english', ${anyTermQuery(terms)}))
    + (${Prisma.join(similarity, " + ")}) / ${similarity.length}`;
  const fuzzyWhere = [...base, ...perTerm];
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`,
    db.$queryRaw<Row[]>(select(fuzzyScore, fuzzyWhere, input)),
  ]);
  const fuzzy = toPage(rows, true);
  return fuzzy.total > exact.total ? withTotal(db, fuzzy, input, fuzzyWhere) : withTotal(db, exact, input, exactWhere);
}

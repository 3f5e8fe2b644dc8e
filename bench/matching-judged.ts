/**
 * Matching quality against hand-written judgements (bench/fixtures/matching-judgements.json),
 * through the app's real recommendation service and search on PostgreSQL: the judged cases' offers
 * plus a generated crowd of one-topic offers (so every seeker faces many partial matches) in a
 * database of their own (`mingle_bench_matching_judged`).
 * Run alone: npx tsx bench/matching-judged.ts [--judgements FILE] (prints JSON; bench/matching.ts
 * merges it into bench/results/matching.json). Another judged set in the same format plugs in with
 * --judgements.
 *
 * The judgements were written before the scorer was tuned and are not derived from it; the crowd
 * generator below is this file's own (not lib/matching/synthetic.ts).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "@/lib/db";
import { ndcgAtK } from "@/lib/matching/metrics";
import { mulberry32 } from "@/lib/matching/synthetic";
import { dropDatabase } from "@/lib/migrations";
import { recommendationsFor } from "@/lib/offers/recommend";
import { matchRepo } from "@/lib/offers/repo";
import { searchOffers } from "@/lib/offers/search";
import { CURATED_TAGS } from "@/lib/tags/catalog";
import { normalizeTags, tagLabel } from "@/lib/tags/rules";
import { freshBenchDatabase, insertOffers, insertPeople, type BenchOffer, type BenchPerson } from "./matching-db";

interface JudgedOffer {
  key: string;
  grade: number;
  title: string;
  tags: string[];
  description: string;
  owner?: string;
  ownerSeeks?: string[];
}

interface JudgedCase {
  id: string;
  seeker: { seekTags: string[]; offerTags: string[]; bio?: string; met?: string[] };
  offers: JudgedOffer[];
}

interface Judgements {
  cases: JudgedCase[];
  typos: { q: string; intended: string }[];
}

export interface JudgedResult {
  /** Strict hits (grade ≥ 2) in the top 5 over min(5, strict offers of the case), mean over cases. */
  strictPrecisionAt5: number;
  /** nDCG@10 with the grades as gains. */
  strictNdcgAt10: number;
  /** Share of typo'd queries whose intended offer is in the search's top 5. */
  typoTop5: number;
  /** Share of the top 5 that shares any tag with the seeker's needs (the old, lenient rule). */
  lenientPrecisionAt5: number;
  details: {
    judgements: string;
    cases: number;
    offers: number;
    crowdOffers: number;
    strictOffers: number;
    strictFoundInTop50: number;
    /** Plain hits / 5 (a case with two strict offers can reach at most 0.4). */
    rawStrictPrecisionAt5: number;
    distractorsRankedFirst: number;
    metExpertOffersInTop10: number;
    typoQueries: number;
    typoEmptyResults: number;
    typoMisses: string[];
  };
}

export const DEFAULT_JUDGEMENTS = "bench/fixtures/matching-judgements.json";
const CROWD_PEOPLE = 300;
const CROWD_OFFERS = 1070;
const round = (x: number, d = 3) => Number(x.toFixed(d));

const tags = (list: readonly string[]) => {
  const r = normalizeTags(list, { max: 12 });
  if (!r.ok) throw new Error(`judgements: ${r.message}`);
  return r.value;
};

/**
 * One-topic offers from 300 people, the way a conference's long tail looks: "Kubernetes office
 * hours", "Ask me about Swarm". Each carries exactly one curated tag (plus a generic one), so it is
 * at best a partial match for any judged need; a third of the owners seek a topic the seekers offer,
 * so mutual one-topic matches are plentiful.
 */
function crowd(seekerOffers: readonly string[]): { people: BenchPerson[]; offers: BenchOffer[] } {
  const rng = mulberry32(1509);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const curated = CURATED_TAGS.map((t) => t.slug);
  const generic = ["tips", "beginners", "production", "workshop", "ama", "lessons-learned"];
  const templates = [
    (t: string) => `${t} office hours`,
    (t: string) => `Ask me about ${t}`,
    (t: string) => `${t} war stories`,
    (t: string) => `Getting started with ${t}`,
    (t: string) => `${t} in production`,
    (t: string) => `Pairing on ${t}`,
    (t: string) => `${t}: questions welcome`,
  ];
  const sentences = [
    "Bring your questions and your logs.",
    "Whatever you are stuck on, we look at it together.",
    "Lessons from three years of running this at work.",
    "Beginners welcome, no slides.",
    "We can go as deep as you like.",
  ];
  const people: BenchPerson[] = Array.from({ length: CROWD_PEOPLE }, (_, i) => ({
    id: `crowd-${i}`,
    name: `Crowd Person ${i}`,
    headline: "Attendee",
    seekTags: rng() < 0.35 ? [pick(seekerOffers), pick(curated)] : [pick(curated)],
    offerTags: [pick(curated)],
  }));
  const offers: BenchOffer[] = Array.from({ length: CROWD_OFFERS }, (_, i) => {
    const tag = pick(curated);
    return {
      id: `crowd-o${i}`,
      ownerId: people[Math.floor(CROWD_PEOPLE * rng() ** 1.3)]!.id,
      title: pick(templates)(tagLabel(tag)),
      description: `${pick(sentences)} ${tagLabel(tag)} ${pick(sentences)}`,
      tags: [tag, ...(rng() < 0.5 ? [pick(generic)] : [])],
      level: pick(["INTRO", "PRACTITIONER", "DEEP_DIVE"] as const),
      lengthMinutes: 20,
      labTemplate: null,
      active: true,
    };
  });
  return { people, offers };
}

const offerId = (c: JudgedCase, o: JudgedOffer) => `${c.id}/${o.key}`;
const seekerId = (c: JudgedCase) => `seeker-${c.id}`;

async function load(url: string, judged: Judgements): Promise<void> {
  const client = await freshBenchDatabase(url);
  try {
    const seekers: BenchPerson[] = judged.cases.map((c) => ({
      id: seekerId(c),
      name: `Seeker ${c.id}`,
      headline: "Attendee",
      seekTags: tags(c.seeker.seekTags),
      offerTags: tags(c.seeker.offerTags),
      bio: c.seeker.bio,
    }));
    const owners: BenchPerson[] = judged.cases.flatMap((c) =>
      c.offers
        .filter((o) => !o.owner)
        .map((o) => ({ id: `owner-${offerId(c, o)}`, name: `Expert ${offerId(c, o)}`, headline: "Expert", seekTags: tags(o.ownerSeeks ?? []), offerTags: tags(o.tags) })),
    );
    const metOwners: BenchPerson[] = [...new Set(judged.cases.flatMap((c) => c.seeker.met ?? []))].map((id) => ({
      id,
      name: `Met ${id}`,
      headline: "Expert",
      seekTags: [],
      offerTags: [],
    }));
    const judgedOffers: BenchOffer[] = judged.cases.flatMap((c) =>
      c.offers.map((o) => ({
        id: offerId(c, o),
        ownerId: o.owner ?? `owner-${offerId(c, o)}`,
        title: o.title,
        description: o.description,
        tags: tags(o.tags),
        level: "PRACTITIONER",
        lengthMinutes: 20,
        labTemplate: null,
        active: true,
      })),
    );
    const c = crowd([...new Set(seekers.flatMap((s) => s.offerTags))]);
    await insertPeople(client, [...seekers, ...owners, ...metOwners, ...c.people]);
    await insertOffers(client, [...judgedOffers, ...c.offers]);

    // "Already met": an accepted session between the seeker and the expert, on a table of its own.
    await client.query(`INSERT INTO "Conference" ("id", "slug", "name", "timeZone", "startDate", "endDate", "updatedAt")
                        VALUES ('bench', 'bench', 'Bench', 'UTC', current_date, current_date, now())`);
    await client.query(`INSERT INTO "MingleArea" ("id", "conferenceId", "name") VALUES ('area', 'bench', 'Area')`);
    let n = 0;
    for (const kase of judged.cases) {
      for (const met of kase.seeker.met ?? []) {
        const offer = kase.offers.find((o) => o.owner === met)!;
        n++;
        await client.query(`INSERT INTO "Table" ("id", "areaId", "label") VALUES ($1, 'area', $1)`, [`t${n}`]);
        await client.query(
          `INSERT INTO "MingleSlot" ("id", "conferenceId", "startsAt", "endsAt")
           VALUES ($1, 'bench', now() - make_interval(hours => $2::int), now() - make_interval(hours => $2::int) + interval '20 minutes')`,
          [`s${n}`, n],
        );
        await client.query(
          `INSERT INTO "MingleSession" ("id", "conferenceId", "offerId", "requesterId", "expertId", "slotId", "tableId", "status", "updatedAt")
           VALUES ($1, 'bench', $2, $3, $4, $5, $6, 'ACCEPTED', now())`,
          [`met${n}`, offerId(kase, offer), seekerId(kase), met, `s${n}`, `t${n}`],
        );
      }
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

export async function runJudgedBench({ keep = false, judgements = DEFAULT_JUDGEMENTS } = {}): Promise<JudgedResult> {
  const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
  const url = `${base}/mingle_bench_matching_judged`;
  const judged = JSON.parse(readFileSync(judgements, "utf8")) as Judgements;
  await load(url, judged);
  const db = createPrismaClient(url);
  try {
    const store = matchRepo(db, url);
    let strictP5 = 0;
    let rawP5 = 0;
    let ndcg = 0;
    let lenientP5 = 0;
    let strictOffers = 0;
    let strictFound = 0;
    let distractorsFirst = 0;
    let metInTop10 = 0;
    for (const c of judged.cases) {
      const r = await recommendationsFor({ store }, seekerId(c), 50);
      if (!r.ok) throw new Error(r.message);
      const ranked = r.value.items.map((i) => i.offer.id);
      const grades = new Map(c.offers.filter((o) => o.grade > 0).map((o) => [offerId(c, o), o.grade]));
      const strict = new Set(c.offers.filter((o) => o.grade >= 2).map((o) => offerId(c, o)));
      const hits = ranked.slice(0, 5).filter((id) => strict.has(id)).length;
      strictP5 += hits / Math.min(5, strict.size);
      rawP5 += hits / 5;
      ndcg += ndcgAtK(ranked, grades, 10);
      const needs = new Set(tags(c.seeker.seekTags));
      lenientP5 += r.value.items.slice(0, 5).filter((i) => i.offer.tags.some((t) => needs.has(t))).length / 5;
      strictOffers += strict.size;
      strictFound += ranked.filter((id) => strict.has(id)).length;
      const first = c.offers.find((o) => offerId(c, o) === ranked[0]);
      if (first && first.grade === 0) distractorsFirst++;
      const met = new Set(c.seeker.met ?? []);
      metInTop10 += r.value.items.slice(0, 10).filter((i) => met.has(i.offer.owner.id)).length;
    }

    let typoHits = 0;
    let typoEmpty = 0;
    const typoMisses: string[] = [];
    for (const t of judged.typos) {
      const page = await searchOffers(db, { q: t.q, page: 1, limit: 5 });
      if (page.total === 0) typoEmpty++;
      if (page.items.some((i) => i.id === t.intended)) typoHits++;
      else typoMisses.push(t.q);
    }
    const cases = judged.cases.length;
    return {
      strictPrecisionAt5: round(strictP5 / cases),
      strictNdcgAt10: round(ndcg / cases),
      typoTop5: round(typoHits / judged.typos.length),
      lenientPrecisionAt5: round(lenientP5 / cases),
      details: {
        judgements,
        cases,
        offers: judged.cases.reduce((s, c) => s + c.offers.length, 0) + CROWD_OFFERS,
        crowdOffers: CROWD_OFFERS,
        strictOffers,
        strictFoundInTop50: strictFound,
        rawStrictPrecisionAt5: round(rawP5 / cases),
        distractorsRankedFirst: distractorsFirst,
        metExpertOffersInTop10: metInTop10,
        typoQueries: judged.typos.length,
        typoEmptyResults: typoEmpty,
        typoMisses,
      },
    };
  } finally {
    await db.$disconnect();
    if (!keep) await dropDatabase(url);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--judgements");
  const judgements = at >= 0 ? process.argv[at + 1] : undefined;
  process.stdout.write(`${JSON.stringify(await runJudgedBench({ keep: process.argv.includes("--keep"), judgements }), null, 2)}\n`);
}

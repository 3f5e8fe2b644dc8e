/**
 * Matching benchmark, one command: `npx tsx bench/matching.ts` (about two minutes on an idle 2-vCPU VM).
 * - latency: search and recommendations over a synthetic conference (5,000 attendees, 20,000
 *   offers) stored in PostgreSQL, through the app's real search function and recommendation service;
 * - lenient quality: the recommender against the synthetic generator's planted truth (any shared
 *   topic counts, runQualityBench);
 * - strict quality: hand-written graded judgements and typo'd queries (runJudgedBench).
 * Options: [--attendees 5000] [--offers 20000] [--queries 300] [--keep] [--reuse] [--judgements FILE]
 * Writes bench/results/matching.json and the "Matching" section of bench/RESULTS.md, with the
 * machine's load average seen during the run (the medians track CPU contention).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createPrismaClient } from "@/lib/db";
import { quantile } from "@/lib/matching/metrics";
import { generateConference, mulberry32, type SyntheticConference } from "@/lib/matching/synthetic";
import { dropDatabase } from "@/lib/migrations";
import { currentMatchIndex, recommendationsFor } from "@/lib/offers/recommend";
import { matchRepo } from "@/lib/offers/repo";
import { searchOffers, type SearchInput } from "@/lib/offers/search";
import { loadSyntheticConference } from "./matching-db";
import { type JudgedResult, runJudgedBench } from "./matching-judged";
import { runQualityBench } from "./matching-quality";
import { replaceResultsSection } from "./results";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ATTENDEES = arg("attendees", 5000);
const OFFERS = arg("offers", 20000);
const QUERIES = Math.max(200, arg("queries", 300));
const RECOMMEND_CALLS = 200;
const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
const url = `${base}/mingle_bench_matching`;

const round = (x: number, d = 2) => Number(x.toFixed(d));

function machine(): string {
  let distro = os.type();
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1]?.replace(/ GNU\/Linux| \(.*\)/g, "") ?? distro;
  } catch {
    /* not Linux */
  }
  let postgres = "";
  try {
    postgres = `, PostgreSQL ${execFileSync("psql", ["--version"], { encoding: "utf8" }).match(/\d+(\.\d+)?/)?.[0]}`;
  } catch {
    /* no psql on PATH */
  }
  return `${os.cpus().length} vCPU / ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${distro}, Node ${process.versions.node.split(".")[0]}${postgres} (dev VM)`;
}

/** Whole words, prefixes while typing, typos (dropped, doubled and swapped letters), two words, names, filters. */
function queries(conference: SyntheticConference, names: string[], count: number): SearchInput[] {
  const rng = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const words = [...new Set(conference.offers.slice(0, 4000).flatMap((o) => o.title.toLowerCase().match(/[a-z]{5,}/g) ?? []))];
  const typo = (w: string) => {
    const i = 1 + Math.floor(rng() * (w.length - 2));
    const kind = Math.floor(rng() * 3);
    if (kind === 0) return w.slice(0, i) + w.slice(i + 1);
    if (kind === 1) return w.slice(0, i) + w[i] + w.slice(i);
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const out: SearchInput[] = [];
  const kinds = [
    () => ({ q: pick(words) }),
    () => ({ q: pick(words).slice(0, 2 + Math.floor(rng() * 4)) }),
    () => ({ q: typo(pick(words)) }),
    () => ({ q: `${pick(words)} ${pick(words).slice(0, 4)}` }),
    () => ({ q: pick(names).split(" ")[1]!.slice(0, 5) }),
    () => ({ q: pick(words), level: pick(["INTRO", "PRACTITIONER", "DEEP_DIVE"] as const), hasLab: rng() < 0.5 }),
    () => ({ q: "", tag: pick(conference.offers).tags[0] ?? "kubernetes", length: pick([15, 20, 30]) }),
    () => ({ q: "kubernets" }),
    () => ({ q: "linuxkti" }),
  ];
  for (let i = 0; i < count; i++) out.push({ page: 1 + (rng() < 0.1 ? 1 : 0), limit: 12, ...kinds[i % kinds.length]!() });
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function main() {
  const loads: number[] = [os.loadavg()[0]!];
  const conference = generateConference({ attendees: ATTENDEES, offers: OFFERS });
  const t0 = performance.now();
  if (!process.argv.includes("--reuse")) await loadSyntheticConference(url, conference);
  const loadSeconds = (performance.now() - t0) / 1000;
  console.error(`loaded ${ATTENDEES} attendees and ${OFFERS} offers in ${loadSeconds.toFixed(1)} s`);

  const db = createPrismaClient(url);
  try {
    const names = (await db.user.findMany({ select: { name: true }, take: 500 })).map((u) => u.name);
    const list = queries(conference, names, QUERIES);
    for (const q of list.slice(0, 20)) await searchOffers(db, q); // warm-up: connections, plans, caches
    const searchTimes: number[] = [];
    let fuzzy = 0;
    let empty = 0;
    for (const q of list) {
      const [ms, page] = await timed(() => searchOffers(db, q));
      searchTimes.push(ms);
      if (page.fuzzy) fuzzy++;
      if (page.total === 0) empty++;
    }
    const typoCheck = await searchOffers(db, { q: "kubernets", page: 1, limit: 5 });

    const store = matchRepo(db, url);
    const [indexMs] = await timed(() => currentMatchIndex(store));
    const stride = Math.floor(ATTENDEES / RECOMMEND_CALLS) || 1;
    const viewers = Array.from({ length: RECOMMEND_CALLS }, (_, i) => conference.attendees[(i * stride) % ATTENDEES]!.viewer.id);
    for (const id of viewers.slice(0, 20)) await recommendationsFor({ store }, id);
    const recommendTimes: number[] = [];
    let reasons = 0;
    for (const id of viewers) {
      const [ms, r] = await timed(() => recommendationsFor({ store }, id));
      recommendTimes.push(ms);
      if (r.ok && r.value.items.every((i) => i.reason.length > 0)) reasons++;
    }

    loads.push(os.loadavg()[0]!);
    const quality = runQualityBench({ attendees: ATTENDEES, offers: OFFERS });
    const at = process.argv.indexOf("--judgements");
    const judged = await runJudgedBench(at >= 0 ? { judgements: process.argv[at + 1] } : {});
    loads.push(os.loadavg()[0]!);
    const result = {
      searchMs: { median: round(quantile(searchTimes, 0.5)), p95: round(quantile(searchTimes, 0.95)) },
      recommendMs: { median: round(quantile(recommendTimes, 0.5)), p95: round(quantile(recommendTimes, 0.95)) },
      precisionAt5: quality.precisionAt5,
      ndcgAt10: quality.ndcgAt10,
      strictPrecisionAt5: judged.strictPrecisionAt5,
      strictNdcgAt10: judged.strictNdcgAt10,
      typoTop5: judged.typoTop5,
      lenientPrecisionAt5: judged.lenientPrecisionAt5,
      attendees: ATTENDEES,
      offers: OFFERS,
      machine: machine(),
      loadAverage1m: { min: round(Math.min(...loads), 1), max: round(Math.max(...loads), 1) },
      details: {
        searchQueries: list.length,
        searchFuzzyFallbacks: fuzzy,
        searchEmptyResults: empty,
        kubernetsTopHit: typoCheck.items[0]?.title ?? null,
        recommendCalls: recommendTimes.length,
        recommendCallsWithReasons: reasons,
        recommendCoreMs: quality.recommendMs,
        indexBuildFromDbMs: round(indexMs, 0),
        qualitySample: quality.sample,
        loadSeconds: round(loadSeconds, 1),
        judged: judged.details,
      },
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/matching.json", `${JSON.stringify(result, null, 2)}\n`);
    writeResultsSection(result);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.$disconnect();
    if (!process.argv.includes("--keep")) await dropDatabase(url);
  }
}

type Result = {
  searchMs: { median: number; p95: number };
  recommendMs: { median: number; p95: number };
  precisionAt5: number;
  ndcgAt10: number;
  strictPrecisionAt5: number;
  strictNdcgAt10: number;
  typoTop5: number;
  lenientPrecisionAt5: number;
  attendees: number;
  offers: number;
  machine: string;
  loadAverage1m: { min: number; max: number };
  details: Record<string, unknown>;
};

/** Replaces (or appends) the "## Matching" section of bench/RESULTS.md, leaving other sections alone. */
function writeResultsSection(r: Result) {
  const d = r.details as {
    searchQueries: number;
    searchFuzzyFallbacks: number;
    searchEmptyResults: number;
    recommendCoreMs: { median: number; p95: number };
    indexBuildFromDbMs: number;
    judged: JudgedResult["details"];
  };
  const j = d.judged;
  const section = `## Matching

\`npx tsx bench/matching.ts\` (one command; about two minutes on an idle VM) — ${r.machine}; 1-minute load average during the
run ${r.loadAverage1m.min}–${r.loadAverage1m.max} (the machine was shared; latency medians track CPU contention, so rerun on an idle
machine before comparing them with the targets). Design: docs/decisions/0009-matching-relevance.md.

| measure | result | target |
| --- | --- | --- |
| search, median / p95 (${d.searchQueries} queries over ${r.offers.toLocaleString("en")} offers: words, prefixes, typos, names, filters; ${d.searchFuzzyFallbacks} corrected a word, ${d.searchEmptyResults} found nothing) | ${r.searchMs.median} ms / ${r.searchMs.p95} ms | median ≤ 20 ms |
| recommendations for one attendee, median / p95 (real service: viewer signals from the DB + warm index, ${r.attendees.toLocaleString("en")} attendees) | ${r.recommendMs.median} ms / ${r.recommendMs.p95} ms | median ≤ 30 ms |
| of which the pure scoring core | ${d.recommendCoreMs.median} ms / ${d.recommendCoreMs.p95} ms | |
| **strictPrecisionAt5** (judged: grade ≥ 2 in the top 5) | ${r.strictPrecisionAt5} | ≥ 0.6, goal ≥ 0.8 |
| **strictNdcgAt10** (judged: grades as gains) | ${r.strictNdcgAt10} | |
| **typoTop5** (${j.typoQueries} misspelt queries: intended offer in the top 5) | ${r.typoTop5} | ≥ 0.9 |
| lenientPrecisionAt5 (judged seekers: top 5 sharing any tag with the needs) | ${r.lenientPrecisionAt5} | — (not a quality bar) |
| precisionAt5 (synthetic planted truth, lenient: any shared true topic) | ${r.precisionAt5} | — (not a quality bar) |
| ndcgAt10 (synthetic, gain = shared true topics) | ${r.ndcgAt10} | |

Index build from the database (cold, after an offer change): ${d.indexBuildFromDbMs} ms.

### What each figure means, and its relevance rule

- **Strict figures** come from \`${j.judgements}\`: ${j.cases} seekers, each with a specific
  need of two or three topics (some free-form: falco, memory, gpu, wasm, grpc; some spelt as synonyms: k8s,
  c#, lcow, ci/cd), the offers a person would pick for it graded 3 or 2, and graded-0 look-alikes: offers with
  one of the topics only (often from an owner who wants what the seeker offers, so the match is mutual), a
  word that means something else ("Secrets of fast Python builds", "Falcon telemetry"), and an exact match
  from an expert the seeker has already met. The judgements were written before the scorer was changed,
  by hand, not from its weights; \`bench/matching-judged.ts\` adds a crowd of ${j.crowdOffers} one-topic offers from
  300 people (its own generator) and loads everything into PostgreSQL, then asks the real recommendation
  service (top 50) and the real search (top 5). Relevance: grade ≥ 2. Precision@5 divides the hits by
  min(5, strictly relevant offers of the case), since a case with two such offers cannot fill five slots
  (plain hits / 5: ${j.rawStrictPrecisionAt5}). nDCG@10 uses the grades as linear gains. ${j.strictFoundInTop50} of ${j.strictOffers} strictly relevant
  offers appear in the top 50; offers of already-met experts in a top 10: ${j.metExpertOffersInTop10}.
- **typoTop5**: ${j.typoQueries} queries with one misspelt word (swapped, dropped, doubled or wrong letters, in words of
  4 to 11 letters), each naming the offer it was meant to find; a hit is that offer in the search's top 5.
  Empty results: ${j.typoEmptyResults}.${j.typoMisses.length ? ` Missed: ${j.typoMisses.map((m) => `"${m}"`).join(", ")}.` : ""}
- **Lenient figures** count an offer as relevant when it shares *any one* topic with the seeker (the judged
  seekers' needs, or the synthetic generator's planted interests). They reward generic one-topic offers,
  which is why they stay high whatever the ranking does: read them as "on topic", never as "the right match".
  \`npx tsx bench/matching-quality.ts --ablations\` shows what text, history and diversity are each worth on them.

Before issue 15 (main at 545eab2: cosine tag overlap, ×1.5 mutual boost, every word required, trigram
typo fallback), the same judged bench measured strictPrecisionAt5 0.449, strictNdcgAt10 0.449, typoTop5
0.4 (18 of 30 typo'd queries empty) and lenientPrecisionAt5 1.0 — the lenient figure could not tell the
two apart. Main's latency on an idle VM was search 18.26 ms and recommendations 9.11 ms (medians). Cost of the new model, interleaved A/B against main's code on the same corpus and load (load
average 11–13): scoring core median 22.1 ms against 15.5 ms, search median 44.0 ms against 40.8 ms; the
single-word spellings have since been folded into the text walk.

Caveat: the judged fixture was written by the engineer who changed the scorer (before changing it). An
independently written set (the issue's 60 seekers) is the stronger check; in the same format it plugs in with
\`--judgements FILE\`.
`;
  replaceResultsSection(section);
}

await main();

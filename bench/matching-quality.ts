/**
 * Offline quality and speed of the matching core on a synthetic conference.
 * Run: npx tsx bench/matching-quality.ts [--attendees 5000] [--offers 20000] [--sample 500] [--seed 2017] [--ablations]
 * Prints one JSON object; runQualityBench is exported so a wider bench can merge its result.
 */
import { pathToFileURL } from "node:url";
import { buildMatchIndex } from "@/lib/matching/match-index";
import { ndcgAtK, precisionAtK, quantile } from "@/lib/matching/metrics";
import { recommendOffers } from "@/lib/matching/score";
import { generateConference, groundTruth } from "@/lib/matching/synthetic";
import type { MatchWeights } from "@/lib/matching/types";

export interface QualityBenchOptions {
  seed?: number;
  attendees?: number;
  offers?: number;
  /** How many attendees to evaluate, spread evenly over the list. */
  sample?: number;
  weights?: Partial<MatchWeights>;
  diversity?: boolean;
}

export interface QualityBenchResult {
  precisionAt5: number;
  ndcgAt10: number;
  recommendMs: { median: number; p95: number };
  attendees: number;
  offers: number;
  sample: number;
  seed: number;
  indexBuildMs: number;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export function runQualityBench(opts: QualityBenchOptions = {}): QualityBenchResult {
  const seed = opts.seed ?? 2017;
  const attendees = opts.attendees ?? 5000;
  const offers = opts.offers ?? 20000;
  const sample = Math.min(opts.sample ?? 500, attendees);
  const conference = generateConference({ seed, attendees, offers });

  const t0 = performance.now();
  const index = buildMatchIndex(conference.offers);
  const indexBuildMs = performance.now() - t0;

  const stride = attendees / sample;
  const chosen = Array.from({ length: sample }, (_, i) => conference.attendees[Math.floor(i * stride)]!);
  const options = { limit: 10, weights: opts.weights, diversity: opts.diversity };
  for (const a of chosen.slice(0, 20)) recommendOffers(index, a.viewer, options); // JIT warm-up

  const times: number[] = [];
  let p5 = 0;
  let ndcg = 0;
  for (const a of chosen) {
    const start = performance.now();
    const recs = recommendOffers(index, a.viewer, options);
    times.push(performance.now() - start);
    const gains = groundTruth(conference, a);
    const ranked = recs.map((r) => r.offerId);
    p5 += precisionAtK(ranked, new Set(gains.keys()), 5);
    ndcg += ndcgAtK(ranked, gains, 10);
  }
  return {
    precisionAt5: round(p5 / sample),
    ndcgAt10: round(ndcg / sample),
    recommendMs: { median: round(quantile(times, 0.5), 2), p95: round(quantile(times, 0.95), 2) },
    attendees,
    offers,
    sample,
    seed,
    indexBuildMs: round(indexBuildMs, 1),
  };
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

/** What each signal is worth: the same bench with one part switched off. */
const ABLATIONS: Record<string, Pick<QualityBenchOptions, "weights" | "diversity">> = {
  noDiversity: { diversity: false },
  noText: { weights: { textShare: 0, titleMatch: 0, descriptionMatch: 0 } },
  noHistory: { weights: { viewWeight: 0, requestWeight: 0 } },
  seekTagsOnly: { weights: { textShare: 0, titleMatch: 0, descriptionMatch: 0, viewWeight: 0, requestWeight: 0, acceptWeight: 0 }, diversity: false },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const base = { seed: arg("seed"), attendees: arg("attendees"), offers: arg("offers"), sample: arg("sample") };
  const result: QualityBenchResult & { ablations?: Record<string, { precisionAt5: number; ndcgAt10: number }> } = runQualityBench(base);
  if (process.argv.includes("--ablations")) {
    result.ablations = Object.fromEntries(
      Object.entries(ABLATIONS).map(([name, variant]) => {
        const r = runQualityBench({ ...base, ...variant });
        return [name, { precisionAt5: r.precisionAt5, ndcgAt10: r.ndcgAt10 }];
      }),
    );
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

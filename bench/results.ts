// What the benchmarks share for reporting: the nearest-rank percentile the booking benchmarks
// quote, and the one way a benchmark rewrites its own section of bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const RESULTS_MD = "bench/RESULTS.md";

/** Nearest-rank percentile (p in 0–100): a value that was measured, never an interpolation. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Replaces the section of bench/RESULTS.md that starts with `section`'s first line (its "## "
 * heading), up to the next "## " heading, or appends it; the other sections stay as they are.
 */
export function replaceResultsSection(section: string): void {
  const heading = section.slice(0, section.indexOf("\n"));
  const current = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, "utf8") : "# Benchmark results\n";
  const pattern = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n[\\s\\S]*?(?=\\n## |$)`);
  const body = `${section.trimEnd()}\n`;
  writeFileSync(RESULTS_MD, pattern.test(current) ? current.replace(pattern, () => body) : `${current.trimEnd()}\n\n${body}`);
}

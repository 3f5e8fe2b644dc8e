// What the benchmarks share for reporting: the nearest-rank percentile the booking benchmarks
// quote, and the one way a benchmark rewrites its own section of bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";

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

/** `--name N` from the command line, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The machine a benchmark ran on, in one line: CPUs, memory, OS, Node and dockerd versions. */
export function machine(): string {
  let osName: string = os.platform();
  try {
    osName = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? osName;
  } catch {}
  let dockerd = "";
  try {
    dockerd = execFileSync("dockerd", ["--version"], { encoding: "utf8" })
      .trim()
      .replace(/^Docker version ([^,]+).*/, "dockerd $1");
  } catch {}
  return `${os.cpus().length} vCPU (${os.cpus()[0]?.model.trim()}) / ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${osName}, Node ${process.versions.node}${dockerd ? `, ${dockerd}` : ""}`;
}

/** Writes a benchmark's result as JSON (its folder made if needed) and prints it. */
export function writeBenchResult(file: string, result: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

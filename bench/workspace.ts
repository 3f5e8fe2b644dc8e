/**
 * The lab workspace's figures in one file: runs the three part benchmarks one after another (each
 * measures on the real engine and writes its own JSON), then gathers their keys into
 * bench/results/workspace.json and the "## Lab workspace" section of bench/RESULTS.md.
 *   npx tsx bench/workspace.ts [--skip-run]   (--skip-run: gather what the parts wrote last)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { machine, replaceResultsSection } from "./results";

const PARTS = [
  { script: "bench/workspace-preview.ts", results: "bench/results/workspace-preview.json", keys: ["previewOverheadMs", "previewRps"] },
  { script: "bench/workspace-files.ts", results: "bench/results/workspace-files.json", keys: ["uploadMBps"] },
  { script: "bench/workspace-recording.ts", results: "bench/results/workspace-recording.json", keys: ["recordingBytesPerMinute"] },
] as const;

const run = !process.argv.includes("--skip-run");
const figures: Record<string, number | null> = {};
const missing: string[] = [];
for (const part of PARTS) {
  if (run && existsSync(part.script)) {
    console.error(`[bench:workspace] ${part.script}`);
    execFileSync("npx", ["tsx", part.script], { stdio: "inherit" });
  }
  const data = existsSync(part.results) ? (JSON.parse(readFileSync(part.results, "utf8")) as Record<string, unknown>) : {};
  for (const key of part.keys) {
    const value = data[key];
    figures[key] = typeof value === "number" ? value : null;
    if (typeof value !== "number") missing.push(`${key} (${part.script})`);
  }
}

const result = { ...figures, machine: machine(), at: new Date().toISOString(), ...(missing.length ? { missing } : {}) };
writeFileSync("bench/results/workspace.json", `${JSON.stringify(result, null, 2)}\n`);
const show = (v: number | null, unit: string) => (v === null ? "not measured" : `${v} ${unit}`);
replaceResultsSection(`## Lab workspace

\`npx tsx bench/workspace.ts\` — the preview, files and recording benchmarks in turn, on the real engine
(\`bench/results/workspace-*.json\` hold each part's detail). Machine: ${result.machine}. Measured ${result.at.slice(0, 10)}.

| figure | value | what it is |
| --- | --- | --- |
| previewOverheadMs | ${show(figures.previewOverheadMs ?? null, "ms")} | p50 of a GET through the preview minus the same GET by exec inside the lab |
| previewRps | ${show(figures.previewRps ?? null, "req/s")} | GETs per second through one lab's preview |
| uploadMBps | ${show(figures.uploadMBps ?? null, "MB/s")} | a file dropped on the lab, into /home/lab through the Engine API |
| recordingBytesPerMinute | ${show(figures.recordingBytesPerMinute ?? null, "bytes")} | asciicast v2 written for an active shell |
`);
console.log(JSON.stringify(result, null, 2));

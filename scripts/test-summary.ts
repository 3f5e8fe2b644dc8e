// Adds up the vitest and Playwright JSON reports into one closing line: "Tests: N passed, N failed".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? ".data/test-results";
let passed = 0;
let failed = 0;
let skipped = 0;
const rows: string[] = [];

type PwSuite = { specs?: Array<{ tests: Array<{ status: string }> }>; suites?: PwSuite[] };
function walk(suite: PwSuite, counts: { passed: number; failed: number; skipped: number }): void {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      if (t.status === "expected" || t.status === "flaky") counts.passed++;
      else if (t.status === "skipped") counts.skipped++;
      else counts.failed++;
    }
  }
  for (const child of suite.suites ?? []) walk(child, counts);
}

for (const file of existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : []) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if ("numPassedTests" in report) {
    counts.passed = report.numPassedTests;
    counts.failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    counts.skipped = report.numPendingTests + report.numTodoTests;
  } else {
    for (const suite of report.suites ?? []) walk(suite, counts);
    counts.failed += (report.errors ?? []).length;
  }
  rows.push(`  ${file.replace(/\.json$/, "").padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log("\nTest summary");
console.log(rows.join("\n"));
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

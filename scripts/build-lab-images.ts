/**
 * Builds the base lab image (mingle/busybox:1) on the local engine, with progress.
 * Usage: tsx scripts/build-lab-images.ts [--force]
 */
import { getEngine } from "@/lib/docker/engine";
import { ensureBaseImage } from "@/lib/labs/images";

const engine = getEngine("local");
if (!(await engine.ping())) {
  console.error("No Docker Engine answers. Run scripts/docker-engine.sh and export the DOCKER_HOST it prints.");
  process.exit(1);
}
const started = Date.now();
const result = await ensureBaseImage(engine, {
  force: process.argv.includes("--force"),
  onProgress: (p) => {
    if (p.kind === "step") console.log(`[${p.step}/${p.steps}] ${p.message}`);
    else if (p.kind === "bytes") process.stdout.write(`\r  sent ${p.sent}/${p.total} bytes (${Math.round((100 * p.sent) / p.total)}%)${p.sent === p.total ? "\n" : ""}`);
    else if (p.message) console.log(`  ${p.message}`);
  },
});
console.log(`${result.ref} ${result.built ? "built" : "already up to date"} (content ${result.hash}) in ${Date.now() - started} ms`);

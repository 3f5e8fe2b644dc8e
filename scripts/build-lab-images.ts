/**
 * Builds the lab images, with progress, each skipped when its content hash is unchanged: on the
 * local engine the base image (mingle/busybox:1) and the images vm labs are built from (LinuxKit
 * kernel, init, runc, qemu); on engines reached over mutual TLS with Mingle's client identity
 * (`--host`, e.g. the test bed of scripts/test-engines.sh) the base image.
 * Usage: tsx scripts/build-lab-images.ts [--force] [--host tcp://HOST:2376 ...]
 */
import { getEngine, registerEngine } from "@/lib/docker/engines";
import { tlsOptionsFor } from "@/lib/hosts/pki/tls-options";
import { ensureBaseImage, type ImageProgress } from "@/lib/labs/images";
import { ensureVmImages } from "@/lib/labs/vm-images";

const force = process.argv.includes("--force");
const hosts = process.argv.flatMap((arg, i) => (arg === "--host" && process.argv[i + 1] ? [process.argv[i + 1]!] : []));

const printProgress = (p: ImageProgress) => {
  if (p.kind === "step") console.log(`[${p.step}/${p.steps}] ${p.message}`);
  else if (p.kind === "bytes") process.stdout.write(`\r  sent ${p.sent}/${p.total} bytes (${Math.round((100 * p.sent) / p.total)}%)${p.sent === p.total ? "\n" : ""}`);
  else if (p.message) console.log(`  ${p.message}`);
};

async function build(id: string, quiet: boolean): Promise<void> {
  const engine = getEngine(id);
  if (!(await engine.ping())) {
    console.error(id === "local" ? "No Docker Engine answers. Run scripts/docker-engine.sh and export the DOCKER_HOST it prints." : `The engine at ${id} does not answer.`);
    process.exit(1);
  }
  const started = Date.now();
  const result = await ensureBaseImage(engine, { force, onProgress: quiet ? undefined : printProgress });
  console.log(`${hosts.length ? `${id}: ` : ""}${result.ref} ${result.built ? "built" : "already up to date"} (content ${result.hash}) in ${Date.now() - started} ms`);
}

if (hosts.length === 0) {
  await build("local", false);
  const started = Date.now();
  console.log("Images for vm labs (LinuxKit kernel, init, runc, qemu):");
  try {
    for (const r of await ensureVmImages(getEngine("local"), { force, onProgress: printProgress })) console.log(`${r.ref} ${r.built ? "built" : "already up to date"}`);
    console.log(`vm images ready in ${Date.now() - started} ms`);
  } catch (err) {
    // Container labs do not need them: say why vm labs will not start, and go on.
    console.warn(`vm labs unavailable: ${(err as Error).message}`);
  }
} else {
  for (const host of hosts) registerEngine(host, await tlsOptionsFor(host));
  await Promise.all(hosts.map((host) => build(host, true)));
}

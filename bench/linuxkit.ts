/**
 * LinuxKit vm labs benchmark: the initrd of the linuxkit-os template built cold and found cached,
 * then N launches of it, each timed from the launch call to the console shell's prompt (the
 * terminal hub's own stream, as a browser sees it), beside `docker run` of the busybox image
 * (create, start, wait, remove) measured in the same run.
 *
 * Run: npx tsx bench/linuxkit.ts [--boots 5] [--runs 5]
 * Needs the Docker Engine (scripts/docker-engine.sh, DOCKER_HOST) and the lab images
 * (scripts/build-lab-images.ts). Every lab and container it makes is removed; no network.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { getEngine } from "@/lib/docker/engines";
import { BASE_IMAGE } from "@/lib/labs/images";
import { createLabServices } from "@/lib/labs/lab-services";
import { ensureVmImage } from "@/lib/labs/linuxkit-initrd";
import { loadTemplates } from "@/lib/labs/templates";
import { engineAccel } from "@/lib/labs/vm-accel";
import { ensureVmImages } from "@/lib/labs/vm-images";
import { inMemoryLabRepo } from "@/lib/testing/in-memory-lab-repo";
import { machine, numberArg, percentile, replaceResultsSection } from "./results";

const BOOTS = numberArg("boots", 5);
const RUNS = numberArg("runs", 5);
const TEMPLATE = "linuxkit-os";
const log = (msg: string) => console.error(`[bench:linuxkit] ${msg}`);
const median = (xs: number[]) => percentile(xs, 50);

const engine = getEngine("local");
if (!(await engine.ping())) throw new Error("No Docker Engine answers: run scripts/docker-engine.sh and export DOCKER_HOST.");
await ensureVmImages(engine);
const templates = loadTemplates("labs/templates").templates;
const template = templates.get(TEMPLATE)!;

// The initrd, cold (its cached image removed first) and then cached.
const first = await ensureVmImage(engine, template);
await engine.removeImage(first.ref);
let t0 = Date.now();
const cold = await ensureVmImage(engine, template, (p) => p.kind === "step" && log(`build ${p.step}/${p.steps}: ${p.message}`));
const initrdBuildMs = Date.now() - t0;
t0 = Date.now();
await ensureVmImage(engine, template);
const initrdCachedMs = Date.now() - t0;
// Probed once per engine (the first vm launch pays it); done here so no boot below includes it.
t0 = Date.now();
const accel = await engineAccel(engine, cold.ref, template);
const accelProbeMs = Date.now() - t0;
log(`initrd ${cold.initrdBytes} bytes, built in ${initrdBuildMs} ms, cached ${initrdCachedMs} ms, accel ${accel}`);

// Boots to the console prompt.
const svc = createLabServices({ repo: inMemoryLabRepo(), engine: () => engine, templates: () => templates }).labs;
const boots: number[] = [];
for (let i = 0; i < BOOTS; i++) {
  const started = Date.now();
  const r = await svc.launch({ ownerId: `bench-${i}`, templateName: TEMPLATE });
  if (!r.ok) throw new Error(r.message);
  const shell = await svc.attachShell(r.value.id, { cols: 120, rows: 40 }, { history: true });
  if (!shell.ok) throw new Error(shell.message);
  let text = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no prompt within 120 s:\n${text.slice(-800)}`)), 120_000);
    shell.value.stream.on("data", (d: Buffer) => {
      text += d.toString("utf8");
      if (/root@lab:[^\n]*# /.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  boots.push(Date.now() - started);
  shell.value.stream.destroy();
  await svc.stop(r.value.id);
  log(`boot ${i + 1}/${BOOTS}: ${boots.at(-1)} ms to the prompt`);
}

// docker run of the busybox image, for scale.
const runs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = Date.now();
  const id = await engine.createContainer({ Image: BASE_IMAGE, Cmd: ["true"], HostConfig: { NetworkMode: "none" }, Labels: { "mingle.managed": "true", "mingle.role": "bench" } });
  await engine.startContainer(id);
  await engine.waitContainer(id);
  await engine.removeContainer(id);
  runs.push(Date.now() - started);
}

const result = {
  vmBootToShellMs: median(boots),
  vmBootToShellAllMs: boots,
  initrdBytes: cold.initrdBytes,
  initrdBuildMs,
  initrdCachedMs,
  accel,
  accelProbeMs,
  dockerRunBusyboxMs: median(runs),
  loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  machine: machine(),
  at: new Date().toISOString(),
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/linuxkit.json", `${JSON.stringify(result, null, 2)}\n`);
replaceResultsSection(`## LinuxKit micro-VM labs

\`npx tsx bench/linuxkit.ts\` — the \`linuxkit-os\` template (one onboot container, two services, the
console shell) built into a kernel + initrd and booted under qemu in a lab container, on the
machine's engine, ${BOOTS} boots.

| measure | value |
| --- | --- |
| boot to the console prompt (launch call → \`root@lab:…#\`), median of ${BOOTS} | ${result.vmBootToShellMs} ms (all: ${boots.join(", ")}) |
| accelerator | ${accel} (KVM is probed once per engine: ${accelProbeMs} ms here, paid by the first vm launch; KVM spins silently on this machine) |
| initrd size | ${((cold.initrdBytes ?? 0) / 2 ** 20).toFixed(1)} MiB (uncompressed cpio) |
| initrd build, cold (export images, write bundles, pack, build the image) | ${initrdBuildMs} ms |
| initrd, cached (content hash found on the engine) | ${initrdCachedMs} ms |
| \`docker run\` of ${BASE_IMAGE} (\`true\`: create, start, wait, remove), median of ${RUNS}, same run | ${result.dockerRunBusyboxMs} ms |

Machine: ${result.machine}; 1-minute load average at the end ${result.loadAverage1m} (other work shares this machine; under
TCG the boot is CPU-bound, so it slows with the load). The goal is 3,000 ms under TCG; see docs/decisions/0014 for where the time goes.
`);
console.log(JSON.stringify(result, null, 2));
process.exit(0);

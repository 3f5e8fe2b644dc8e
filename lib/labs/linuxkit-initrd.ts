import { createHash } from "node:crypto";
import type { Engine } from "@/lib/docker/engine";
import { buildCpio, type CpioEntry } from "@/lib/labs/cpio";
import { ensureImage, type ImageProgress } from "@/lib/labs/images";
import { ociConfig, ociConfigJson, type OciRole } from "@/lib/labs/oci-config";
import { buildTar, type ReadEntry, readTar } from "@/lib/labs/tar";
import type { ContainerSpec, LabTemplate } from "@/lib/labs/template-schema";
import { QEMU_IMAGE } from "@/lib/labs/vm-images";

/**
 * Builds a vm template the way `linuxkit build -format kernel+initrd` does: the kernel from the
 * `kernel` image (/kernel, and /kernel.tar unpacked into the root), then an initrd holding the
 * `init` images' files, each onboot container as an OCI bundle under /containers/onboot/NNN-name,
 * each service under /containers/services/name (onshutdown under /containers/onshutdown/NNN-name),
 * each bundle a config.json plus its image's root filesystem, then the `files`. The pair is baked
 * into an image on top of the qemu runner, tagged by the template's content hash: that image is
 * the cache (any engine holds it, a second launch only checks it), and the lab's one container
 * runs it.
 */
export const VM_IMAGE_REPO = "mingle/linuxkit-vm";
export const INTERACTIVE_FILE = "etc/mingle/interactive";
/** Bumped whenever this builder lays out the initrd differently, so cached images are rebuilt. */
const LAYOUT_VERSION = "2";

export interface VmImage {
  ref: string;
  built: boolean;
  /** Only when built: the initrd's size and how long the build took. */
  initrdBytes?: number;
  buildMs?: number;
}

const pad = (i: number) => String(i).padStart(3, "0");

/** The images a template boots from, in order: kernel, init, then every container's. */
export function vmImages(t: LabTemplate): string[] {
  return [
    ...new Set(
      [t.kernel?.image ?? "", ...(t.init ?? []), ...t.onboot.map((c) => c.image), ...t.services.map((c) => c.image), ...(t.onshutdown ?? []).map((c) => c.image)].filter(Boolean),
    ),
  ];
}

/** The cache key: the file's text and the ids of the images it names (a rebuilt image makes a new initrd). */
export function vmImageRef(t: LabTemplate, imageIds: string[], qemuId: string): string {
  const hash = createHash("sha256")
    .update(LAYOUT_VERSION)
    .update(t.source ?? JSON.stringify(t))
    .update(imageIds.join("\n"))
    .update(qemuId)
    .digest("hex")
    .slice(0, 20);
  return `${VM_IMAGE_REPO}:${hash}`;
}

function toCpio(prefix: string, e: ReadEntry): CpioEntry {
  const p = prefix ? `${prefix}/${e.path}` : e.path;
  if (e.type === "file") return { type: "file", path: p, content: e.content, mode: e.mode, uid: e.uid, gid: e.gid };
  if (e.type === "dir") return { type: "dir", path: p, mode: e.mode, uid: e.uid, gid: e.gid };
  return { type: "symlink", path: p, target: e.target, uid: e.uid, gid: e.gid };
}

/**
 * What the engine puts into every container it creates, and so into an export: mount points
 * under /dev, /proc and /sys (an empty regular file at dev/console would hide the console), the
 * .dockerenv marker and empty etc/hostname, hosts and resolv.conf placeholders.
 */
function engineMade(e: ReadEntry): boolean {
  if (e.path === ".dockerenv") return true;
  if (/^(dev|proc|sys)\//.test(e.path)) return true;
  return /^etc\/(hostname|hosts|resolv\.conf)$/.test(e.path) && e.type === "file" && e.content.length === 0;
}

/** Directories every initrd has, and the console the kernel opens for init before /dev is mounted. */
function skeleton(): CpioEntry[] {
  return [
    ...["dev", "proc", "sys", "run", "tmp", "etc", "etc/mingle", "containers", "containers/onboot", "containers/services", "containers/onshutdown", "lab", "var", "var/log"].map(
      (d): CpioEntry => ({ type: "dir", path: d, mode: d === "tmp" ? 0o1777 : 0o755 }),
    ),
    { type: "char", path: "dev/console", major: 5, minor: 1, mode: 0o600 },
  ];
}

/** Parent directories of `path` not yet in `seen`, outermost first. */
function parents(path: string, seen: Set<string>): CpioEntry[] {
  const out: CpioEntry[] = [];
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const d = parts.slice(0, i).join("/");
    if (!seen.has(d)) out.push({ type: "dir", path: d, mode: 0o755 });
    seen.add(d);
  }
  return out;
}

/**
 * Makes the template's vm image available on the engine: found by its content hash, or built with
 * progress (images exported, bundles written, initrd packed, image built).
 */
export async function ensureVmImage(engine: Engine, t: LabTemplate, onProgress: (p: ImageProgress) => void = () => {}): Promise<VmImage> {
  if (!t.kernel) throw new Error(`template "${t.name}" has no kernel`);
  const images = vmImages(t);
  for (const ref of images) await ensureImage(engine, ref, onProgress);
  const infos = new Map<string, NonNullable<Awaited<ReturnType<Engine["inspectImage"]>>>>();
  for (const ref of [...images, QEMU_IMAGE]) {
    const info = await engine.inspectImage(ref);
    if (!info) throw new Error(`image ${ref} is not on engine ${engine.id}${ref === QEMU_IMAGE ? ": run scripts/build-lab-images.ts" : ""}`);
    infos.set(ref, info);
  }
  const ref = vmImageRef(
    t,
    images.map((i) => infos.get(i)!.id),
    infos.get(QEMU_IMAGE)!.id,
  );
  if (await engine.inspectImage(ref)) return { ref, built: false };

  const started = Date.now();
  const bundles = [
    ...t.onboot.map((c, i) => ({ c, role: "onboot" as OciRole, dir: `containers/onboot/${pad(i)}-${c.name}`, terminal: false })),
    ...t.services.map((c) => ({ c: c as ContainerSpec, role: "services" as OciRole, dir: `containers/services/${c.name}`, terminal: c.interactive })),
    ...(t.onshutdown ?? []).map((c, i) => ({ c, role: "onshutdown" as OciRole, dir: `containers/onshutdown/${pad(i)}-${c.name}`, terminal: false })),
  ];
  const steps = 3 + (t.init?.length ?? 0) + bundles.length;
  let step = 0;
  const say = (message: string) => onProgress({ kind: "step", step: ++step, steps, message });
  const exported = new Map<string, ReadEntry[]>();
  const filesOf = async (image: string) => {
    if (!exported.has(image))
      exported.set(
        image,
        readTar(await engine.exportImage(image)).filter((e) => !engineMade(e)),
      );
    return exported.get(image)!;
  };

  say(`kernel from ${t.kernel.image}`);
  const kernelFs = await filesOf(t.kernel.image);
  const kernel = kernelFs.find((e) => e.type === "file" && /^(kernel|bzImage|boot\/vmlinuz.*)$/.test(e.path));
  if (kernel?.type !== "file") throw new Error(`image ${t.kernel.image} holds no /kernel (or /bzImage)`);
  const modules = kernelFs.find((e) => e.path === "kernel.tar");

  const entries: CpioEntry[] = skeleton();
  const seen = new Set(entries.map((e) => e.path));
  const add = (e: CpioEntry) => {
    if (seen.has(e.path) && e.type === "dir") return;
    entries.push(...parents(e.path, seen), e);
    seen.add(e.path);
  };
  if (modules?.type === "file") for (const e of readTar(modules.content)) add(toCpio("", e));
  for (const image of t.init ?? []) {
    say(`init ${image}`);
    for (const e of await filesOf(image)) add(toCpio("", e));
  }
  for (const b of bundles) {
    say(`${b.role === "services" ? "service" : b.role} ${b.c.name} from ${b.c.image}`);
    const info = infos.get(b.c.image)!;
    const config = ociConfig(
      b.c,
      { env: info.config.env, cmd: info.config.cmd, entrypoint: info.config.entrypoint, workingDir: info.config.workingDir, user: info.config.user },
      { role: b.role, terminal: b.terminal },
    );
    add({ type: "dir", path: b.dir, mode: 0o755 });
    add({ type: "file", path: `${b.dir}/config.json`, content: Buffer.from(ociConfigJson(config)), mode: 0o644 });
    add({ type: "dir", path: `${b.dir}/rootfs`, mode: 0o755 });
    for (const e of await filesOf(b.c.image)) add(toCpio(`${b.dir}/rootfs`, e));
  }
  say("files");
  for (const f of t.files) {
    const p = f.path.replace(/^\/+/, "");
    if (f.kind === "dir") add({ type: "dir", path: p, mode: f.mode, uid: f.uid, gid: f.gid });
    else if (f.kind === "symlink") add({ type: "symlink", path: p, target: f.target ?? "", uid: f.uid, gid: f.gid });
    else add({ type: "file", path: p, content: Buffer.from(f.contents), mode: f.mode, uid: f.uid, gid: f.gid });
  }
  const interactive = t.services.find((s) => s.interactive)?.name ?? "";
  add({ type: "file", path: INTERACTIVE_FILE, content: Buffer.from(`${interactive}\n`), mode: 0o644 });
  const initrd = buildCpio(entries);

  say(`building ${ref} (initrd ${Math.round(initrd.length / 1024)} KiB)`);
  const dockerfile = `FROM ${QEMU_IMAGE}\nCOPY kernel initrd /boot/\n`;
  const context = buildTar([
    { type: "file", path: "Dockerfile", content: dockerfile },
    { type: "file", path: "kernel", content: kernel.content },
    { type: "file", path: "initrd", content: initrd },
  ]);
  await engine.buildImage(
    context,
    { tag: ref, labels: { "mingle.managed-image": "vm", "mingle.template": t.name } },
    (e) => e.status.trim() && onProgress({ kind: "status", message: e.status.trim() }),
  );
  return { ref, built: true, initrdBytes: initrd.length, buildMs: Date.now() - started };
}

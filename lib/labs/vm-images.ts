import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Engine } from "@/lib/docker/engine";
import { baseRootfsTar, type ImageProgress, importImageOnce } from "@/lib/labs/images";
import { buildTar, type TarEntry } from "@/lib/labs/tar";

/**
 * The local images a vm lab is built from, in the roles of LinuxKit's own: a kernel image
 * (linuxkit/kernel: /kernel and /kernel.tar), an init image (linuxkit/init), a runc image
 * (linuxkit/runc) and the qemu runner that boots the result. All are made from Debian's packages
 * on this machine (no registry), imported with a content hash so a re-run skips them.
 */
export const KERNEL_IMAGE = "mingle/linuxkit-kernel:6.1";
export const INIT_IMAGE = "mingle/linuxkit-init:1";
export const RUNC_IMAGE = "mingle/linuxkit-runc:1";
export const QEMU_IMAGE = "mingle/qemu:1";
export const KERNEL_PACKAGE = "linux-image-cloud-amd64";

/** Paths from the project root, where every entry point runs (scripts, the server, tests). */
const fromRoot = (p: string) => path.join(process.cwd(), p);

type Progress = (p: ImageProgress) => void;

function sh(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A host file (symlinks followed) as a tar entry at `to`. */
function fileEntry(from: string, to: string, mode?: number): TarEntry {
  const real = realpathSync(from);
  return { type: "file", path: to, content: readFileSync(real), mode: mode ?? statSync(real).mode & 0o777 };
}

/** The shared libraries `binary` loads (ldd), each at its own path, and the loader. */
export function sharedLibraries(binary: string): string[] {
  const out = sh("ldd", [binary]);
  const libs = new Set<string>();
  for (const line of out.split("\n")) {
    const m = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.add(m[1]!);
  }
  return [...libs].sort();
}

function dirsFor(entries: TarEntry[]): TarEntry[] {
  const dirs = new Set<string>();
  for (const e of entries) {
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs].sort().map((d) => ({ type: "dir", path: d, mode: 0o755 }));
}

/**
 * The kernel package's vmlinuz: resolved from the metapackage, fetched with `apt-get download`
 * into `cacheDir` (once) and unpacked with `dpkg-deb -x`; never installed on this machine.
 */
export function kernelFromDebian(cacheDir: string, progress: Progress = () => {}): { vmlinuz: Buffer; version: string } {
  mkdirSync(cacheDir, { recursive: true });
  let deb = readdirSync(cacheDir).find((f) => /^linux-image-.*-cloud-amd64_.*\.deb$/.test(f));
  if (!deb) {
    const depends = sh("apt-cache", ["depends", KERNEL_PACKAGE]);
    const pkg = /Depends:\s+(linux-image-\S+-cloud-amd64)/.exec(depends)?.[1];
    if (!pkg) throw new Error(`apt-cache knows no ${KERNEL_PACKAGE}: run apt-get update (Debian's archive must be reachable)`);
    progress({ kind: "status", message: `apt-get download ${pkg}` });
    sh("apt-get", ["download", pkg], cacheDir);
    deb = readdirSync(cacheDir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb in ${cacheDir}`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "mingle-kernel-"));
  try {
    sh("dpkg-deb", ["-x", path.join(cacheDir, deb), dir]);
    const boot = path.join(dir, "boot");
    const vmlinuz = readdirSync(boot).find((f) => f.startsWith("vmlinuz-"));
    if (!vmlinuz) throw new Error(`${deb} holds no boot/vmlinuz-*`);
    return { vmlinuz: readFileSync(path.join(boot, vmlinuz)), version: vmlinuz.slice("vmlinuz-".length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** /kernel and an empty /kernel.tar (the initrd lives in memory: no modules are needed to boot it). */
export function kernelImageTar(vmlinuz: Buffer): Buffer {
  return buildTar([
    { type: "file", path: "kernel", content: vmlinuz, mode: 0o644 },
    { type: "file", path: "kernel.tar", content: buildTar([]), mode: 0o644 },
  ]);
}

/** busybox with its applets, and Mingle's init at /init. */
export function initImageTar(busyboxPath = "/bin/busybox"): Buffer {
  const extra: TarEntry[] = [
    { type: "file", path: "init", content: readFileSync(fromRoot("labs/linuxkit/init")), mode: 0o755 },
    { type: "file", path: "etc/hostname", content: "linuxkit\n" },
    ...["run", "var/log", "containers", "etc/mingle", "sys/fs", "sys/fs/cgroup"].map((d): TarEntry => ({ type: "dir", path: d, mode: 0o755 })),
  ];
  return baseRootfsTar(busyboxPath, extra).tar;
}

/** Debian's runc at /usr/bin/runc with the libraries it loads (libseccomp, libc) and the loader. */
export function runcImageTar(runcPath = findBinary("runc")): Buffer {
  const files: TarEntry[] = [fileEntry(runcPath, "usr/bin/runc", 0o755), ...sharedLibraries(runcPath).map((l) => fileEntry(l, l.slice(1)))];
  return buildTar([...dirsFor(files), ...files]);
}

/** qemu-system-x86_64 with its libraries, the firmware a pc machine boots with, and busybox for the probe's `timeout`. */
export function qemuImageTar(qemuPath = findBinary("qemu-system-x86_64")): Buffer {
  const firmware = ["/usr/share/seabios/bios-256k.bin", "/usr/share/qemu/linuxboot_dma.bin", "/usr/share/qemu/linuxboot.bin", "/usr/share/qemu/kvmvapic.bin"].filter((f) =>
    existsSync(f),
  );
  // Debian builds TCG as a module qemu loads at start; its libraries are qemu's own.
  const modules = [QEMU_MODULES_DIR]
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.startsWith("accel-tcg-x86_64"))
        .map((f) => path.join(d, f)),
    );
  const libs = new Set([qemuPath, ...modules].flatMap((b) => sharedLibraries(b)));
  const files: TarEntry[] = [
    fileEntry(qemuPath, "usr/bin/qemu-system-x86_64", 0o755),
    ...modules.map((m) => fileEntry(m, m.slice(1))),
    ...[...libs].sort().map((l) => fileEntry(l, l.slice(1))),
    ...firmware.map((f) => fileEntry(f, `usr/share/qemu/${path.basename(f)}`)),
    fileEntry("/bin/busybox", "bin/busybox", 0o755),
    { type: "symlink", path: "bin/sh", target: "busybox" },
    { type: "symlink", path: "bin/timeout", target: "busybox" },
  ];
  return buildTar([...dirsFor(files), { type: "dir", path: "tmp", mode: 0o1777 }, { type: "dir", path: "boot", mode: 0o755 }, ...files]);
}

const QEMU_MODULES_DIR = "/usr/lib/x86_64-linux-gnu/qemu";

function findBinary(name: string): string {
  for (const dir of ["/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${name} not found: install Debian's ${name === "runc" ? "runc" : "qemu-system-x86"} (scripts/lib.sh does this as root)`);
}

/** Builds (or finds up to date) the four images; `cacheDir` keeps the downloaded kernel package. */
export async function ensureVmImages(engine: Engine, opts: { cacheDir?: string; force?: boolean; onProgress?: Progress } = {}): Promise<{ ref: string; built: boolean }[]> {
  const progress = opts.onProgress ?? (() => {});
  const cacheDir = opts.cacheDir ?? fromRoot(".data/linuxkit");
  const results: { ref: string; built: boolean }[] = [];
  const steps: [string, () => Buffer][] = [
    [KERNEL_IMAGE, () => kernelImageTar(kernelFromDebian(cacheDir, progress).vmlinuz)],
    [INIT_IMAGE, () => initImageTar()],
    [RUNC_IMAGE, () => runcImageTar()],
    [QEMU_IMAGE, () => qemuImageTar()],
  ];
  for (const [i, [ref, make]] of steps.entries()) {
    progress({ kind: "step", step: i + 1, steps: steps.length, message: `building ${ref}` });
    const r = await importImageOnce(engine, { ref, tar: make(), force: opts.force, onProgress: (p) => p.kind !== "step" && progress(p) });
    results.push(r);
  }
  return results;
}

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import type { Engine } from "@/lib/docker/engine";
import { buildTar, type TarEntry } from "@/lib/labs/tar";

export const BASE_IMAGE = "mingle/busybox:1";
export const CONTENT_HASH_LABEL = "mingle.content-hash";
export const LAB_UID = 1000;

export type ImageProgress = { kind: "step"; step: number; steps: number; message: string } | { kind: "bytes"; sent: number; total: number } | { kind: "status"; message: string };

const PROFILE = `export PATH=/bin
export HOME=/home/lab
export PS1='\\u@lab:\\w\\$ '
[ -r /lab/motd ] && cat /lab/motd
[ -r /lab/profile ] && . /lab/profile
cd "$HOME" 2>/dev/null || true
`;

/** The rootfs of the base lab image: static busybox, its applets, a non-root user "lab". */
export function busyboxRootfs(busybox: Buffer, applets: string[]): TarEntry[] {
  const dirs = ["bin", "etc", "proc", "sys", "dev", "root", "var", "lab"];
  const entries: TarEntry[] = dirs.map((d) => ({ type: "dir", path: d, mode: d === "root" ? 0o700 : 0o755 }));
  entries.push({ type: "dir", path: "tmp", mode: 0o1777 });
  entries.push({ type: "dir", path: "home", mode: 0o755 });
  entries.push({ type: "dir", path: "home/lab", mode: 0o755, uid: LAB_UID, gid: LAB_UID });
  entries.push({ type: "file", path: "bin/busybox", content: busybox, mode: 0o755 });
  for (const applet of [...new Set(applets)].sort()) {
    if (applet === "busybox" || !/^[\w.[\]-]+$/.test(applet)) continue;
    entries.push({ type: "symlink", path: `bin/${applet}`, target: "busybox" });
  }
  entries.push(
    { type: "file", path: "etc/passwd", content: "root:x:0:0:root:/root:/bin/sh\nlab:x:1000:1000:lab:/home/lab:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n" },
    { type: "file", path: "etc/group", content: "root:x:0:\nlab:x:1000:\nnogroup:x:65534:\n" },
    { type: "file", path: "etc/profile", content: PROFILE },
    { type: "file", path: "etc/os-release", content: 'NAME="Mingle lab (busybox)"\nID=mingle-busybox\nVERSION_ID=1\n' },
  );
  return entries;
}

/** The base image's root filesystem as one tar, from Debian's busybox-static at `busyboxPath` (plus `extra` entries). */
export function baseRootfsTar(busyboxPath = "/bin/busybox", extra: TarEntry[] = []): { tar: Buffer; applets: number } {
  let busybox: Buffer;
  try {
    busybox = readFileSync(busyboxPath);
  } catch {
    throw new Error(`${busyboxPath} not found: install Debian's busybox-static (scripts/docker-engine.sh does this as root).`);
  }
  const applets = execFileSync(busyboxPath, ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  return { tar: buildTar([...busyboxRootfs(busybox, applets), ...extra]), applets: applets.length };
}

/** What the image runs as and where, for the imported base image and any image built like it. */
export const BASE_IMAGE_CONFIG = { User: `${LAB_UID}:${LAB_UID}`, Env: ["PATH=/bin", "HOME=/home/lab"], WorkingDir: "/home/lab", Cmd: ["/bin/sh"] };

export interface BuildImageOptions {
  busyboxPath?: string;
  ref?: string;
  force?: boolean;
  onProgress?: (p: ImageProgress) => void;
}

/**
 * Builds BASE_IMAGE from Debian's busybox-static and imports it via the Engine API. Idempotent:
 * skipped when the image already carries the same content-hash label.
 */
export async function ensureBaseImage(engine: Engine, opts: BuildImageOptions = {}): Promise<{ ref: string; built: boolean; hash: string }> {
  const progress = opts.onProgress ?? (() => {});
  const busyboxPath = opts.busyboxPath ?? "/bin/busybox";
  progress({ kind: "step", step: 1, steps: 4, message: `reading ${busyboxPath}` });
  const { tar, applets } = baseRootfsTar(busyboxPath);
  progress({ kind: "step", step: 2, steps: 4, message: `built the rootfs (${applets} applets)` });
  return importImageOnce(engine, { ref: opts.ref ?? BASE_IMAGE, tar, force: opts.force, onProgress: progress, firstStep: 3, steps: 4, changes: baseImageChanges() });
}

function baseImageChanges(): string[] {
  return [`USER ${BASE_IMAGE_CONFIG.User}`, `ENV ${BASE_IMAGE_CONFIG.Env.join(" ")}`, `WORKDIR ${BASE_IMAGE_CONFIG.WorkingDir}`, `CMD ${JSON.stringify(BASE_IMAGE_CONFIG.Cmd)}`];
}

/**
 * Imports a root filesystem tar as `ref` unless the image there already carries the tar's content
 * hash: the one cache every locally built image uses (the base image, the LinuxKit kernel, init,
 * runc and qemu images). Two progress steps: the check, then the import with bytes sent.
 */
export async function importImageOnce(
  engine: Engine,
  o: { ref: string; tar: Buffer; changes?: string[]; force?: boolean; onProgress?: (p: ImageProgress) => void; firstStep?: number; steps?: number; hashExtra?: string },
): Promise<{ ref: string; built: boolean; hash: string }> {
  const { ref, tar } = o;
  const progress = o.onProgress ?? (() => {});
  const first = o.firstStep ?? 1;
  const steps = o.steps ?? 2;
  const changes = o.changes ?? [];
  const hash = createHash("sha256")
    .update(tar)
    .update(changes.join("\n"))
    .update(o.hashExtra ?? "")
    .digest("hex")
    .slice(0, 16);
  progress({ kind: "step", step: first, steps, message: `checking ${ref} for content hash ${hash}` });
  const existing = await engine.inspectImage(ref);
  if (!o.force && existing?.labels[CONTENT_HASH_LABEL] === hash) {
    progress({ kind: "status", message: `${ref} is up to date (${hash}); skipped` });
    return { ref, built: false, hash };
  }
  progress({ kind: "step", step: first + 1, steps, message: `importing ${ref} (${tar.length} bytes)` });
  const [repo, tag = "latest"] = splitRef(ref);
  const chunk = 256 * 1024;
  let sent = 0;
  const body = Readable.from(
    (function* () {
      for (let i = 0; i < tar.length; i += chunk) {
        const part = tar.subarray(i, i + chunk);
        sent += part.length;
        progress({ kind: "bytes", sent, total: tar.length });
        yield part;
      }
    })(),
  );
  await engine.importImage(body, { repo, tag, changes: [`LABEL ${CONTENT_HASH_LABEL}=${hash}`, ...changes] }, (e) => progress({ kind: "status", message: e.status }));
  return { ref, built: true, hash };
}

function splitRef(ref: string): [string, string | undefined] {
  const at = ref.lastIndexOf(":");
  return at > ref.lastIndexOf("/") ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
}

/** Makes an image available: built locally for BASE_IMAGE, otherwise pulled (with progress) if absent. */
export async function ensureImage(engine: Engine, ref: string, onProgress?: (p: ImageProgress) => void): Promise<void> {
  if (ref === BASE_IMAGE) {
    await ensureBaseImage(engine, { onProgress });
    return;
  }
  if (await engine.inspectImage(ref)) return;
  try {
    await engine.pullImage(ref, (e) => {
      if (e.total) onProgress?.({ kind: "bytes", sent: e.current ?? 0, total: e.total });
      else onProgress?.({ kind: "status", message: `${e.id ? `${e.id}: ` : ""}${e.status}` });
    });
  } catch (err) {
    throw new Error(`Could not pull image "${ref}" on engine ${engine.id}: ${(err as Error).message}. Is a registry reachable?`, { cause: err });
  }
}

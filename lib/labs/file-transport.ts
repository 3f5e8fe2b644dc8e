import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { EngineError } from "@/lib/docker/engine";
import { SHELL_ENV } from "@/lib/labs/container-spec";
import { LAB_UID } from "@/lib/labs/images";
import { type DirEntry, parentAndBase, parseListing, parseResolved, type ResolvedPath, rootOf } from "@/lib/labs/lab-paths";
import type { OpenWorkspace } from "@/lib/labs/workspace-lab";

/**
 * How files move in and out of a lab's interactive container. /lab is a volume, which the Engine
 * API's archive endpoint (PUT/GET /containers/{id}/archive) reads and writes. /home/lab is a tmpfs
 * of the container, which the engine's archive code does not see (it works on the container's root
 * and volumes from the host side, and the root is read-only): there, the same tar goes through
 * busybox `tar` in an exec as the lab user. Everything that looks at a path (resolve, list, remove)
 * runs as the lab user inside the container, so a symlink is resolved the way the lab sees it and
 * can never reach further than the lab user can.
 *
 * The engine holds the container's lock for as long as an archive request streams, and every exec
 * into the lab (a new terminal, a check, the file browser) waits for it: so archives of /lab are
 * spooled through a temporary file on this server and cross the Engine API at its own speed, never
 * at a slow browser's. Why: docs/decisions/0018-lab-workspace.md.
 */
const LAB_USER = `${LAB_UID}:${LAB_UID}`;
const SHELL_TIMEOUT_MS = 15_000;
const MAX_LISTED = 1000;

/** Resolves $1 (symlinks followed); prints "missing", or type, "freeBlocks blockSize", size and the resolved path. */
const RESOLVE = `p=$(readlink -f -- "$1") && [ -n "$p" ] && [ -e "$p" ] || { echo missing; exit 0; }
t=other; [ -f "$p" ] && t=file; [ -d "$p" ] && t=dir
printf '%s\\n%s\\n%s\\n%s\\n' "$t" "$(stat -f -c '%a %S' -- "$p")" "$(stat -c %s -- "$p")" "$p"`;

/** One stat line per entry of directory $1, dotfiles too, symlinks as themselves. */
const LIST = `cd -- "$1" || exit 3
for f in .[!.]* ..?* *; do [ -e "$f" ] || [ -L "$f" ] || continue; stat -c '%F|%s|%Y|%n' -- "$f"; done | head -n ${MAX_LISTED}`;

export class NoSpaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoSpaceError";
  }
}

const NO_SPACE = /no space left|ENOSPC|short write|write error/i;

async function labShell(ws: OpenWorkspace, script: string, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return ws.engine.exec(ws.containerId, ["sh", "-c", script, "sh", ...args], { user: LAB_USER, env: SHELL_ENV, timeoutMs: SHELL_TIMEOUT_MS });
}

/** The path as the lab sees it, symlinks resolved; null when the resolver's answer makes no sense. */
export async function resolvePath(ws: OpenWorkspace, absolute: string): Promise<ResolvedPath | null> {
  const r = await labShell(ws, RESOLVE, [absolute]);
  return r.exitCode === 0 ? parseResolved(r.stdout) : null;
}

export async function listDirectory(ws: OpenWorkspace, dir: string): Promise<{ entries: DirEntry[]; truncated: boolean }> {
  const r = await labShell(ws, LIST, [dir]);
  const lines = r.stdout.split("\n").filter(Boolean).length;
  return { entries: parseListing(r.stdout), truncated: lines >= MAX_LISTED };
}

export async function removePath(ws: OpenWorkspace, absolute: string): Promise<void> {
  await labShell(ws, 'rm -f -- "$1"', [absolute]);
}

/**
 * Writes the one file of a one-file tar (`name`) into `dir` (resolved, under a root). Throws
 * NoSpaceError when the file system fills up; nothing of the file is left behind then.
 *
 * Into /lab the engine writes as root: it extracts into a fresh staging folder the lab user made
 * (so a symlink swapped in meanwhile cannot redirect it, and a torn file lies in a folder the lab
 * user may empty, even though /lab is sticky; the file itself is the lab user's by its tar header
 * once complete), and the lab user then moves the file into place.
 */
export async function putFile(ws: OpenWorkspace, dir: string, name: string, tar: Readable): Promise<void> {
  if (rootOf(dir) === "/lab") {
    const made = await labShell(ws, 'd=$(mktemp -d -p "$1" .mingle-upload-XXXXXX) && printf %s "$d"', [dir]);
    const staging = made.stdout;
    if (made.exitCode !== 0 || !staging.startsWith(`${dir}/.mingle-upload-`)) throw new Error(`could not make a staging folder in ${dir}: ${made.stderr.trim()}`);
    try {
      await spooled(tar, (file) => ws.engine.putArchive(ws.containerId, staging, createReadStream(file)));
    } catch (err) {
      await labShell(ws, 'rm -rf -- "$1"', [staging]);
      if (err instanceof EngineError && NO_SPACE.test(err.message)) throw new NoSpaceError(err.message);
      throw err;
    }
    const moved = await labShell(ws, 'mv -f -- "$1/$3" "$2/$3"; s=$?; rm -rf -- "$1"; exit $s', [staging, dir, name]);
    if (moved.exitCode !== 0) throw new Error(`could not move ${name} into ${dir}: ${moved.stderr.trim()}`);
    return;
  }
  const run = await ws.engine.execStream(ws.containerId, ["tar", "-x", "-C", dir], { user: LAB_USER, env: SHELL_ENV, stdin: tar });
  run.stdout.resume();
  const { exitCode, stderr } = await run.done;
  if (exitCode === 0) return;
  tar.destroy();
  await removePath(ws, `${dir}/${name}`);
  if (NO_SPACE.test(stderr)) throw new NoSpaceError(stderr.trim());
  throw new Error(`tar -x in ${dir} exited with ${exitCode}: ${stderr.trim()}`);
}

/** Writes `stream` to a temporary file, runs `use` on its path, and removes it. */
async function spooled<T>(stream: Readable, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "mingle-upload-"));
  try {
    const file = path.join(dir, "archive.tar");
    await pipeline(stream, createWriteStream(file));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A tar of `target` (resolved, under a root), its top entry named by the path's base name. */
export async function getTar(ws: OpenWorkspace, target: string): Promise<Readable | null> {
  if (rootOf(target) === "/lab") {
    const dir = await mkdtemp(path.join(tmpdir(), "mingle-download-"));
    const file = path.join(dir, "archive.tar");
    try {
      const archive = await ws.engine.getArchive(ws.containerId, target);
      if (!archive) return null;
      await pipeline(archive, createWriteStream(file));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    const out = createReadStream(file);
    out.on("close", () => void rm(dir, { recursive: true, force: true }));
    return out;
  }
  const { parent, base } = parentAndBase(target);
  const run = await ws.engine.execStream(ws.containerId, ["tar", "-c", "-C", parent, "--", base], { user: LAB_USER, env: SHELL_ENV });
  void run.done.then(({ exitCode, stderr }) => {
    if (exitCode !== 0) run.stdout.destroy(new Error(`tar -c of ${target} exited with ${exitCode}: ${stderr.trim()}`));
  });
  return run.stdout;
}

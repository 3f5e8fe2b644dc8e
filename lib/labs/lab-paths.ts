import { fail, ok, type Result } from "@/lib/errors";

/**
 * Pure rules for paths in a lab's file browser. Two roots only: the lab user's home (/home/lab, a
 * tmpfs of the interactive container) and the lab's shared volume (/lab). A path the browser sends
 * is relative to its root and is checked here first (no "..", no control characters); symlinks are
 * then resolved inside the container (file-transport.ts), and the resolved path must still lie
 * under one of the roots, or the request is refused.
 */
export const FILE_ROOTS = ["/home/lab", "/lab"] as const;
export type FileRoot = (typeof FILE_ROOTS)[number];

export const MAX_PATH_BYTES = 1024;
const MAX_NAME_BYTES = 255;

export type PathRefusal = "FILE_PATH_REFUSED";

/** A relative path under `root` → the absolute path, or why it is refused. "" is the root itself. */
export function labPath(root: FileRoot, relative: string): Result<string, PathRefusal> {
  const segments = relative.split("/").filter((s) => s !== "" && s !== ".");
  for (const s of segments) {
    if (s === "..") return fail("FILE_PATH_REFUSED", 'A path may not contain "..": name the file from its root.');
    const name = fileName(s);
    if (!name.ok) return name;
  }
  const absolute = segments.length ? `${root}/${segments.join("/")}` : root;
  if (Buffer.byteLength(absolute) > MAX_PATH_BYTES) return fail("FILE_PATH_REFUSED", `A path may be at most ${MAX_PATH_BYTES} bytes long.`);
  return ok(absolute);
}

/** One path segment (a file name): no slash, no control character, not "." or "..". */
export function fileName(name: string): Result<string, PathRefusal> {
  if (!name || name === "." || name === "..") return fail("FILE_PATH_REFUSED", "Name the file.");
  if (name.includes("/")) return fail("FILE_PATH_REFUSED", "A file name may not contain a slash.");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(name)) return fail("FILE_PATH_REFUSED", "A file name may not contain control characters.");
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return fail("FILE_PATH_REFUSED", `A file name may be at most ${MAX_NAME_BYTES} bytes long.`);
  return ok(name);
}

/** The root a resolved absolute path lies under, if any. */
export function rootOf(resolved: string): FileRoot | undefined {
  return FILE_ROOTS.find((r) => resolved === r || resolved.startsWith(`${r}/`));
}

/** A resolved path as the browser shows it: relative to its root. */
export function relativeTo(root: FileRoot, resolved: string): string {
  return resolved === root ? "" : resolved.slice(root.length + 1);
}

export function parentAndBase(absolute: string): { parent: string; base: string } {
  const at = absolute.lastIndexOf("/");
  return { parent: at <= 0 ? "/" : absolute.slice(0, at), base: absolute.slice(at + 1) };
}

export type EntryType = "file" | "dir" | "symlink" | "other";

/** What the resolver script (file-transport.ts) printed about a path. */
export interface ResolvedPath {
  exists: boolean;
  /** The path with every symlink resolved (inside the container, as the lab user). */
  resolved: string;
  type: EntryType;
  size: number;
  /** Bytes the file system under it still has for the lab user. */
  freeBytes: number;
}

/**
 * Parses the resolver's output: `missing`, or four lines (type, "freeBlocks blockSize", size) and
 * then the resolved path (last, so a name with a line break cannot shift the other fields).
 */
export function parseResolved(stdout: string): ResolvedPath | null {
  if (stdout.trim() === "missing") return { exists: false, resolved: "", type: "other", size: 0, freeBytes: 0 };
  const lines = stdout.split("\n");
  if (lines.length < 4) return null;
  const [type, fs, size] = lines as [string, string, string];
  const resolved = lines.slice(3).join("\n").replace(/\n$/, "");
  const [blocks, blockSize] = fs.trim().split(/\s+/).map(Number);
  if (!resolved.startsWith("/") || !["file", "dir", "other"].includes(type) || !Number.isFinite(blocks) || !Number.isFinite(blockSize)) return null;
  return { exists: true, resolved, type: type as EntryType, size: Number(size) || 0, freeBytes: (blocks ?? 0) * (blockSize ?? 0) };
}

export interface DirEntry {
  name: string;
  type: EntryType;
  size: number;
  modifiedAt: string;
}

const STAT_TYPES: Record<string, EntryType> = {
  "regular file": "file",
  "regular empty file": "file",
  directory: "dir",
  "symbolic link": "symlink",
};

/** Parses `stat -c '%F|%s|%Y|%n'` lines; a line that does not parse (a name with a line break) is left out. */
export function parseListing(stdout: string): DirEntry[] {
  const out: DirEntry[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^([a-z ]+)\|(\d+)\|(\d+)\|(.+)$/.exec(line);
    if (!m || !fileName(m[4]!).ok) continue;
    out.push({ name: m[4]!, type: STAT_TYPES[m[1]!] ?? "other", size: Number(m[2]), modifiedAt: new Date(Number(m[3]) * 1000).toISOString() });
  }
  // Folders first, then by name, as file browsers do.
  return out.sort((a, b) => ((a.type === "dir") !== (b.type === "dir") ? (a.type === "dir" ? -1 : 1) : a.name.localeCompare(b.name)));
}

/** Whether bytes look like text the editor can show (UTF-8, no NUL). */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

/**
 * A minimal POSIX ustar writer: enough for a busybox rootfs and for lab files. Written by hand so
 * building images and copying files into containers needs no tar binary and no extra package.
 */
export type TarEntry =
  | { type: "file"; path: string; content: Buffer | string; mode?: number; uid?: number; gid?: number }
  | { type: "dir"; path: string; mode?: number; uid?: number; gid?: number }
  | { type: "symlink"; path: string; target: string; uid?: number; gid?: number };

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: "" };
  const cut = name.lastIndexOf("/", 155);
  if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`tar path too long: ${name}`);
  return { name: name.slice(cut + 1), prefix: name.slice(0, cut) };
}

/** One ustar header block (used by the streaming writer, tar-stream.ts, for a file whose bytes are still arriving). */
export function tarHeader(entry: TarEntry, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const rel = entry.path.replace(/^\/+/, "") + (entry.type === "dir" && !entry.path.endsWith("/") ? "/" : "");
  const { name, prefix } = splitName(rel);
  const mode = entry.type === "symlink" ? 0o777 : (entry.mode ?? (entry.type === "dir" ? 0o755 : 0o644));
  h.write(name, 0, 100, "utf8");
  h.write(octal(mode, 8), 100, 8, "ascii");
  h.write(octal(entry.uid ?? 0, 8), 108, 8, "ascii");
  h.write(octal(entry.gid ?? 0, 8), 116, 8, "ascii");
  h.write(octal(size, 12), 124, 12, "ascii");
  h.write(octal(mtime, 12), 136, 12, "ascii");
  h.write("        ", 148, 8, "ascii"); // checksum is computed with this field as spaces
  h.write(entry.type === "file" ? "0" : entry.type === "dir" ? "5" : "2", 156, 1, "ascii");
  if (entry.type === "symlink") h.write(entry.target, 157, 100, "utf8");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}

/** Builds a complete tar archive. mtime is fixed so the same entries give the same bytes. */
export function buildTar(entries: TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = entry.type === "file" ? Buffer.from(entry.content) : Buffer.alloc(0);
    parts.push(tarHeader(entry, content.length, mtime));
    if (content.length) {
      parts.push(content);
      const pad = (BLOCK - (content.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

/** One entry read back from a tar (an image's exported filesystem). Hard links are resolved to copies. */
export type ReadEntry =
  | { type: "file"; path: string; content: Buffer; mode: number; uid: number; gid: number }
  | { type: "dir"; path: string; mode: number; uid: number; gid: number }
  | { type: "symlink"; path: string; target: string; uid: number; gid: number };

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

function num(h: Buffer, start: number, length: number): number {
  if (h[start]! & 0x80) return Number(h.readBigUInt64BE(start + length - 8)); // base-256 for big values
  return parseInt(field(h, start, length).trim() || "0", 8);
}

/** Reads ustar/GNU/PAX archives (what the Engine's export API writes); devices and fifos are skipped. */
export function readTar(buf: Buffer): ReadEntry[] {
  const out: ReadEntry[] = [];
  const files = new Map<string, Buffer>();
  let i = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (i + BLOCK <= buf.length) {
    const h = buf.subarray(i, i + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = num(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const data = buf.subarray(i + BLOCK, i + BLOCK + size);
    i += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") longName = data.toString("utf8").replace(/\0+$/, "");
    else if (type === "K") longLink = data.toString("utf8").replace(/\0+$/, "");
    else if (type === "x") {
      pax = {};
      for (let s = data.toString("utf8"); s.length; ) {
        const len = parseInt(s, 10);
        if (!len) break;
        const rec = s.slice(s.indexOf(" ") + 1, len - 1);
        pax[rec.slice(0, rec.indexOf("="))] = rec.slice(rec.indexOf("=") + 1);
        s = s.slice(len);
      }
    } else if (type === "g") continue;
    else {
      const prefix = field(h, 345, 155);
      const name = (pax.path ?? longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100))).replace(/^\.?\/+/, "").replace(/\/+$/, "");
      const link = pax.linkpath ?? longLink ?? field(h, 157, 100);
      const meta = { path: name, uid: num(h, 108, 8), gid: num(h, 116, 8) };
      const mode = num(h, 100, 8) & 0o7777;
      longName = longLink = undefined;
      pax = {};
      if (!name) continue;
      if (type === "0" || type === "7") {
        const content = Buffer.from(data);
        files.set(name, content);
        out.push({ type: "file", ...meta, mode, content });
      } else if (type === "1") out.push({ type: "file", ...meta, mode, content: files.get(link.replace(/^\.?\/+/, "")) ?? Buffer.alloc(0) });
      else if (type === "2") out.push({ type: "symlink", ...meta, target: link });
      else if (type === "5") out.push({ type: "dir", ...meta, mode });
    }
  }
  return out;
}

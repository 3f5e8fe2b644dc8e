/**
 * A minimal cpio "newc" writer: the format the kernel unpacks as an initramfs. Written by hand,
 * like tar.ts, so building an initrd needs no cpio binary on the server.
 */
export type CpioEntry =
  | { type: "file"; path: string; content: Buffer; mode?: number; uid?: number; gid?: number }
  | { type: "dir"; path: string; mode?: number; uid?: number; gid?: number }
  | { type: "symlink"; path: string; target: string; uid?: number; gid?: number }
  | { type: "char"; path: string; major: number; minor: number; mode?: number };

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

const hex = (n: number) => n.toString(16).padStart(8, "0");
const pad4 = (n: number) => Buffer.alloc((4 - (n % 4)) % 4);

function record(ino: number, mode: number, uid: number, gid: number, name: string, data: Buffer, rdev: [number, number] = [0, 0]): Buffer[] {
  const nameBytes = Buffer.from(`${name}\0`);
  const header = `070701${[ino, mode, uid, gid, 1, 0, data.length, 0, 0, rdev[0], rdev[1], nameBytes.length, 0].map(hex).join("")}`;
  const head = Buffer.concat([Buffer.from(header, "ascii"), nameBytes]);
  return [head, pad4(head.length), data, pad4(data.length)];
}

/** The whole archive (uncompressed: the kernel reads it straight from memory, faster than inflating under emulation). */
export function buildCpio(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  for (const e of entries) {
    const name = e.path.replace(/^\/+/, "") || ".";
    const uid = "uid" in e ? (e.uid ?? 0) : 0;
    const gid = "gid" in e ? (e.gid ?? 0) : 0;
    if (e.type === "file") parts.push(...record(ino++, S_IFREG | (e.mode ?? 0o644), uid, gid, name, e.content));
    else if (e.type === "dir") parts.push(...record(ino++, S_IFDIR | (e.mode ?? 0o755), uid, gid, name, Buffer.alloc(0)));
    else if (e.type === "symlink") parts.push(...record(ino++, S_IFLNK | 0o777, uid, gid, name, Buffer.from(e.target)));
    else parts.push(...record(ino++, S_IFCHR | (e.mode ?? 0o600), 0, 0, name, Buffer.alloc(0), [e.major, e.minor]));
  }
  parts.push(...record(0, 0, 0, 0, "TRAILER!!!", Buffer.alloc(0)));
  return Buffer.concat(parts);
}

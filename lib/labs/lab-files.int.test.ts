import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { downloadFiles } from "@/lib/labs/download-files";
import { listFiles } from "@/lib/labs/list-files";
import { readFile } from "@/lib/labs/read-file";
import { readTar } from "@/lib/labs/tar";
import type { LabTemplate } from "@/lib/labs/template-schema";
import { uploadFile } from "@/lib/labs/upload-files";
import type { WorkspaceDeps } from "@/lib/labs/workspace-lab";
import { inMemoryCheckResults } from "@/lib/testing/in-memory-check-results";
import { liveLabs } from "@/lib/testing/live-labs";

// Real Docker Engine, in-memory records: files in and out of a running lab through the use cases
// the HTTP routes call (/lab through the Engine API's archive endpoint, /home/lab through tar in an exec).
const { engine, templates, service, launch, run } = liveLabs();
const MiB = 1024 ** 2;
const owner = { id: "u1", name: "Owner", role: "ATTENDEE" as const };
const stranger = { id: "u2", name: "Stranger", role: "ATTENDEE" as const };
const organizer = { id: "u3", name: "Organizer", role: "ORGANIZER" as const };

/** The shell template with a small tmpfs, so filling it is quick. */
function small(): Map<string, LabTemplate> {
  const all = new Map(templates);
  const shell = templates.get("shell")!;
  all.set("small", { ...shell, name: "small", limits: { ...shell.limits, tmpfs: 2 * MiB } });
  return all;
}

async function setUp() {
  const catalogue = small();
  const { svc, store } = service({ templates: () => catalogue });
  const lab = await launch(svc, "small");
  const deps: WorkspaceDeps = { repo: store, templates: () => catalogue, engine: () => engine(), checkResults: inMemoryCheckResults() };
  return { svc, lab, deps };
}

function body(bytes: Buffer, chunk = 64 * 1024) {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return { stream: Readable.from(parts), length: bytes.length };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("lab files on a real engine", () => {
  it("round-trips a binary file byte for byte, into /home/lab and into /lab, and the lab sees the same bytes", async () => {
    const { svc, lab, deps } = await setUp();
    const data = randomBytes(700 * 1024 + 13);
    data[5] = 0;
    for (const root of ["/home/lab", "/lab"] as const) {
      const up = await uploadFile(deps, owner, lab.id, { root, path: "blob.bin" }, body(data));
      expect(up).toEqual({ ok: true, value: { root, path: "blob.bin", size: data.length } });
      const inLab = await run(svc, lab.id, `sha256sum ${root}/blob.bin; stat -c '%u:%g %s' ${root}/blob.bin`);
      expect(inLab.stdout).toBe(`${sha(data)}  ${root}/blob.bin\n1000:1000 ${data.length}\n`);
      const down = await downloadFiles(deps, owner, lab.id, { root, path: "blob.bin" });
      if (!down.ok) throw new Error(down.message);
      expect(down.value).toMatchObject({ filename: "blob.bin", contentType: "application/octet-stream", size: data.length });
      expect(sha(await bytesOf(down.value.body))).toBe(sha(data));
    }
  });

  it("downloads a folder as a tar, lists it folders first, and opens a text file for the editor", async () => {
    const { svc, lab, deps } = await setUp();
    await run(svc, lab.id, "mkdir -p ~/proj/src && echo 'hello' > ~/proj/README && printf 'x' > ~/proj/src/a.c && ln -s README ~/proj/link");
    const list = await listFiles(deps, owner, lab.id, { root: "/home/lab", path: "proj" });
    if (!list.ok) throw new Error(list.message);
    expect(list.value.entries.map((e) => [e.name, e.type])).toEqual([
      ["src", "dir"],
      ["link", "symlink"],
      ["README", "file"],
    ]);
    expect(list.value.writable).toBe(true);
    expect(list.value.freeBytes).toBeGreaterThan(MiB);
    const tar = await downloadFiles(deps, owner, lab.id, { root: "/home/lab", path: "proj" });
    if (!tar.ok) throw new Error(tar.message);
    expect(tar.value.filename).toBe("proj.tar");
    const entries = readTar(await bytesOf(tar.value.body));
    expect(entries.map((e) => e.path).sort()).toEqual(["proj", "proj/README", "proj/link", "proj/src", "proj/src/a.c"]);
    // /lab through the archive endpoint: the template's files are there.
    const motd = await readFile(deps, owner, lab.id, { root: "/lab", path: "motd" });
    expect(motd.ok && motd.value.content).toMatch(/Welcome to your Mingle lab/);
    const viaLink = await readFile(deps, owner, lab.id, { root: "/home/lab", path: "proj/link" });
    expect(viaLink.ok && viaLink.value).toMatchObject({ path: "proj/README", content: "hello\n" });
    await run(svc, lab.id, "printf 'a\\0b' > ~/bin.dat");
    expect(await readFile(deps, owner, lab.id, { root: "/home/lab", path: "bin.dat" })).toMatchObject({ ok: false, code: "FILE_NOT_TEXT" });
  });

  it("refuses an upload past the lab's tmpfs with the sizes, before sending it, and leaves nothing behind", async () => {
    const { svc, lab, deps } = await setUp();
    for (const root of ["/home/lab", "/lab"] as const) {
      const big = await uploadFile(deps, owner, lab.id, { root, path: "big.bin" }, body(randomBytes(3 * MiB)));
      expect(big.ok).toBe(false);
      if (big.ok) return;
      expect(big.code).toBe("FILE_TOO_LARGE");
      expect(big.message).toMatch(new RegExp(`^big\\.bin is 3\\.0 MiB, but ${root} has only [0-9.]+ MiB free \\(the lab's ${root} holds 2\\.0 MiB in all\\)\\.$`));
      // One that fits by the free space seen first, but not once the lab has written more meanwhile.
      const fits = 1.5 * MiB;
      const fill = `dd if=/dev/zero of=${root}/filler bs=1024 count=1024 2>/dev/null`;
      const racing = uploadFile(deps, owner, lab.id, { root, path: "late.bin" }, { stream: slowly(randomBytes(fits), () => run(svc, lab.id, fill)), length: fits });
      expect(await racing).toMatchObject({ ok: false, code: "FILE_TOO_LARGE" });
      expect((await run(svc, lab.id, `ls ${root}; rm -f ${root}/filler`)).stdout).not.toMatch(/big\.bin|late\.bin/);
    }
  });

  it("refuses paths that leave /home/lab and /lab, by .. or by a symlink, and a body that ends early", async () => {
    const { svc, lab, deps } = await setUp();
    await run(svc, lab.id, "ln -s /etc ~/etc && ln -s /lab ~/shared");
    expect(await listFiles(deps, owner, lab.id, { root: "/home/lab", path: "../../etc" })).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    expect(await listFiles(deps, owner, lab.id, { root: "/home/lab", path: "etc" })).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    expect(await readFile(deps, owner, lab.id, { root: "/home/lab", path: "etc/passwd" })).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    expect(await downloadFiles(deps, owner, lab.id, { root: "/home/lab", path: "etc" })).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    expect(await uploadFile(deps, owner, lab.id, { root: "/home/lab", path: "etc/evil" }, body(Buffer.from("x")))).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    // A symlink that stays inside the roots is followed: ~/shared is /lab.
    const shared = await listFiles(deps, owner, lab.id, { root: "/home/lab", path: "shared" });
    expect(shared.ok && [shared.value.root, shared.value.path]).toEqual(["/lab", ""]);
    const short = await uploadFile(deps, owner, lab.id, { root: "/lab", path: "torn.bin" }, { stream: Readable.from([Buffer.alloc(100)]), length: 1000 });
    expect(short).toMatchObject({ ok: false, code: "UPLOAD_INCOMPLETE" });
    expect(await uploadFile(deps, owner, lab.id, { root: "/lab", path: "nolen.bin" }, { stream: null, length: null })).toMatchObject({ ok: false, code: "LENGTH_REQUIRED" });
    expect((await run(svc, lab.id, "ls /lab")).stdout).not.toMatch(/torn|nolen/);
  });

  it("lets organizers read but not write, and refuses everyone else everything", async () => {
    const { lab, deps } = await setUp();
    const q = { root: "/lab" as const, path: "motd" };
    expect((await readFile(deps, organizer, lab.id, q)).ok).toBe(true);
    expect(await uploadFile(deps, organizer, lab.id, q, body(Buffer.from("x")))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    for (const result of [
      await listFiles(deps, stranger, lab.id, { root: "/lab", path: "" }),
      await readFile(deps, stranger, lab.id, q),
      await downloadFiles(deps, stranger, lab.id, q),
      await uploadFile(deps, stranger, lab.id, q, body(Buffer.from("x"))),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });
});

/** Yields the bytes in pieces, running `between` after the first piece (the lab writes meanwhile). */
async function* slowly(bytes: Buffer, between: () => Promise<unknown>): AsyncGenerator<Uint8Array> {
  const piece = 256 * 1024;
  yield bytes.subarray(0, piece);
  await between();
  for (let i = piece; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
}

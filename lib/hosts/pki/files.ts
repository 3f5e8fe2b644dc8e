import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes that another process never sees half-done: the data goes to a temporary file in the same
 * folder (created with its final mode, so a key is never readable by others, not even for a moment),
 * which then takes the final name in one step.
 */
async function writeTemp(file: string, data: string, mode: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, data, { mode, flag: "wx" });
  return temp;
}

/** Replaces `file` atomically (rename). */
export async function writeFileAtomic(file: string, data: string, mode: number): Promise<void> {
  const temp = await writeTemp(file, data, mode);
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Creates `file` only if it does not exist yet (link fails with EEXIST): true when this call created it. */
export async function createFileOnce(file: string, data: string, mode: number): Promise<boolean> {
  const temp = await writeTemp(file, data, mode);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** The file's text, or null when it does not exist. */
export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The PEM blocks of one kind in a text ("CERTIFICATE", "RSA PRIVATE KEY", ...), in order. */
export function pemBlocks(text: string, kind: string): string[] {
  const re = new RegExp(`-----BEGIN ${kind}-----[\\s\\S]+?-----END ${kind}-----`, "g");
  return [...text.matchAll(re)].map((m) => `${m[0]}\n`);
}

import { fail, ok, type Result } from "@/lib/errors";
import { NoSpaceError, putFile, removePath, resolvePath } from "@/lib/labs/file-transport";
import { LAB_UID } from "@/lib/labs/images";
import { type FileRoot, fileName, labPath, parentAndBase, relativeTo, rootOf } from "@/lib/labs/lab-paths";
import { singleFileTar, TarStreamError } from "@/lib/labs/tar-stream";
import type { LabUser } from "@/lib/labs/use-case-deps";
import { openWorkspace, type WorkspaceDeps, type WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { UploadedView } from "@/lib/labs/workspace-schema";

/** The largest upload: the largest tmpfs a template may give a lab (linuxkit-schema.ts). */
export const MAX_UPLOAD_BYTES = 512 * 1024 ** 2;

/** Room the tar headers take besides the file, and a little slack for the file system's own blocks. */
const OVERHEAD_BYTES = 8 * 1024;

export interface UploadBody {
  /** The request body's bytes, streamed. */
  stream: AsyncIterable<Uint8Array> | null;
  /** Content-Length; null when the client did not say. */
  length: number | null;
}

function mib(n: number): string {
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * Writes one file into the lab (drag-and-drop uploads and the editor's Save): `path` names the file
 * under its root, its folder must exist. The bytes stream from the request into a one-file tar and
 * on into the container (file-transport.ts), never held whole. The lab's tmpfs is the limit: a file
 * larger than the free space is refused before a byte is sent, with the sizes in the message.
 */
export async function uploadFile(
  deps: WorkspaceDeps,
  user: LabUser,
  labId: string,
  query: { root: FileRoot; path: string },
  body: UploadBody,
): Promise<Result<UploadedView, WorkspaceFailure>> {
  const ws = await openWorkspace(deps, user, labId, "write");
  if (!ws.ok) return ws;
  const target = labPath(query.root, query.path);
  if (!target.ok) return target;
  const { parent, base } = parentAndBase(target.value);
  const name = fileName(base);
  if (!name.ok || target.value === query.root) return fail("FILE_PATH_REFUSED", "Name the file to write, e.g. notes.txt.");
  if (body.length === null || !Number.isSafeInteger(body.length) || body.length < 0) {
    return fail("LENGTH_REQUIRED", "Send the file with its size (a Content-Length header).");
  }
  const dir = await resolvePath(ws.value, parent);
  if (!dir?.exists) return fail("FILE_NOT_FOUND", `There is no folder ${relativeTo(query.root, parent) || query.root} in the lab.`);
  const root = rootOf(dir.resolved);
  if (!root) return fail("FILE_PATH_REFUSED", `That folder leads outside /home/lab and /lab (to ${dir.resolved}).`);
  if (dir.type !== "dir") return fail("NOT_A_DIRECTORY", `${dir.resolved} is not a folder.`);
  const tooLarge = () =>
    fail(
      "FILE_TOO_LARGE",
      `${base} is ${mib(body.length!)}, but ${root} has only ${mib(dir.freeBytes)} free (the lab's ${root} holds ${mib(ws.value.template.limits.tmpfs)} in all).`,
      { size: String(body.length), freeBytes: String(dir.freeBytes) },
    );
  if (body.length + OVERHEAD_BYTES > dir.freeBytes) return tooLarge();
  const written = `${dir.resolved}/${base}`;
  const tar = singleFileTar(base, body.length, body.stream ?? emptyBody(), { uid: LAB_UID, gid: LAB_UID });
  try {
    await putFile(ws.value, dir.resolved, base, tar);
  } catch (err) {
    if (err instanceof NoSpaceError) {
      return fail(
        "FILE_TOO_LARGE",
        `${root} filled up while ${base} (${mib(body.length)}) was arriving: it holds ${mib(ws.value.template.limits.tmpfs)} in all. Make room and try again.`,
        {
          size: String(body.length),
        },
      );
    }
    // What arrived of a file that did not arrive whole goes again.
    const torn = err instanceof TarStreamError ? err : tar.errored instanceof TarStreamError ? tar.errored : null;
    if (torn) {
      await removePath(ws.value, written);
      return fail("UPLOAD_INCOMPLETE", torn.message);
    }
    throw err;
  }
  return ok({ root, path: relativeTo(root, written), size: body.length });
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

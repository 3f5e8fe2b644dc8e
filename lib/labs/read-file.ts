import { fail, ok, type Result } from "@/lib/errors";
import { canType } from "@/lib/labs/access";
import { getTar } from "@/lib/labs/file-transport";
import { type FileRoot, isText, relativeTo } from "@/lib/labs/lab-paths";
import { resolveInLab } from "@/lib/labs/list-files";
import { firstFileOfTar } from "@/lib/labs/tar-stream";
import type { LabUser } from "@/lib/labs/use-case-deps";
import { openWorkspace, type WorkspaceDeps, type WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { FileContentView } from "@/lib/labs/workspace-schema";

/** The largest file the editor opens; bigger ones are for the terminal or a download. */
export const MAX_EDIT_BYTES = 1024 * 1024;

/** A text file of the lab, for the editor (participants and organizers; only participants may save). */
export async function readFile(deps: WorkspaceDeps, user: LabUser, labId: string, query: { root: FileRoot; path: string }): Promise<Result<FileContentView, WorkspaceFailure>> {
  const ws = await openWorkspace(deps, user, labId, "read");
  if (!ws.ok) return ws;
  const file = await resolveInLab(ws.value, query);
  if (!file.ok) return file;
  if (file.value.type !== "file") return fail("NOT_A_FILE", `${query.path || query.root} is a folder, not a file.`);
  if (file.value.size > MAX_EDIT_BYTES) return fail("FILE_TOO_LARGE", `${query.path} is larger than the editor opens (1 MiB): download it, or open it in the terminal.`);
  const tar = await getTar(ws.value, file.value.resolved);
  if (!tar) return fail("FILE_NOT_FOUND", `${query.path} is gone.`);
  const { content } = await firstFileOfTar(tar);
  const chunks: Buffer[] = [];
  for await (const c of content) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  if (!isText(bytes)) return fail("FILE_NOT_TEXT", `${query.path} is not a text file: download it instead.`);
  return ok({
    root: file.value.root,
    path: relativeTo(file.value.root, file.value.resolved),
    size: bytes.length,
    content: bytes.toString("utf8"),
    writable: canType(user, ws.value.lab),
  });
}

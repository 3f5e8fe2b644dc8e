import type { StreamedDownload } from "@/lib/api/download";
import { fail, ok, type Result } from "@/lib/errors";
import { getTar } from "@/lib/labs/file-transport";
import { type FileRoot, parentAndBase } from "@/lib/labs/lab-paths";
import { resolveInLab } from "@/lib/labs/list-files";
import { firstFileOfTar } from "@/lib/labs/tar-stream";
import type { LabUser } from "@/lib/labs/use-case-deps";
import { openWorkspace, type WorkspaceDeps, type WorkspaceFailure } from "@/lib/labs/workspace-lab";

/** One file as itself, or a folder as a tar, streamed from the lab (participants and organizers). */
export async function downloadFiles(
  deps: WorkspaceDeps,
  user: LabUser,
  labId: string,
  query: { root: FileRoot; path: string },
): Promise<Result<StreamedDownload, WorkspaceFailure>> {
  const ws = await openWorkspace(deps, user, labId, "read");
  if (!ws.ok) return ws;
  const found = await resolveInLab(ws.value, query);
  if (!found.ok) return found;
  const { resolved, type } = found.value;
  if (type !== "file" && type !== "dir") return fail("NOT_A_FILE", `${query.path} is neither a file nor a folder.`);
  const tar = await getTar(ws.value, resolved);
  if (!tar) return fail("FILE_NOT_FOUND", `${query.path || query.root} is gone.`);
  const { base } = parentAndBase(resolved);
  if (type === "dir") return ok({ body: tar, filename: `${base}.tar`, contentType: "application/x-tar" });
  const file = await firstFileOfTar(tar);
  return ok({ body: file.content, filename: base, contentType: "application/octet-stream", size: file.size });
}

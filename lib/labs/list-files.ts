import { fail, ok, type Result } from "@/lib/errors";
import { listDirectory, resolvePath } from "@/lib/labs/file-transport";
import { canType } from "@/lib/labs/access";
import { type FileRoot, labPath, relativeTo, rootOf } from "@/lib/labs/lab-paths";
import type { ResolvedPath } from "@/lib/labs/lab-paths";
import type { LabUser } from "@/lib/labs/use-case-deps";
import { type OpenWorkspace, openWorkspace, type WorkspaceDeps, type WorkspaceFailure } from "@/lib/labs/workspace-lab";
import type { DirectoryView } from "@/lib/labs/workspace-schema";

/**
 * A path under a root, resolved inside the lab (symlinks followed as the lab user sees them): it
 * must exist and still lie under /home/lab or /lab. Shared by listing, opening and downloading.
 */
export async function resolveInLab(ws: OpenWorkspace, query: { root: FileRoot; path: string }): Promise<Result<ResolvedPath & { root: FileRoot }, WorkspaceFailure>> {
  const absolute = labPath(query.root, query.path);
  if (!absolute.ok) return absolute;
  const found = await resolvePath(ws, absolute.value);
  if (!found?.exists) return fail("FILE_NOT_FOUND", `There is no ${query.path || query.root} in the lab.`);
  const root = rootOf(found.resolved);
  if (!root) return fail("FILE_PATH_REFUSED", `${query.path} leads outside /home/lab and /lab (to ${found.resolved}).`);
  return ok({ ...found, root });
}

/** A folder of the lab: its entries (folders first), free space, and whether the user may write. */
export async function listFiles(deps: WorkspaceDeps, user: LabUser, labId: string, query: { root: FileRoot; path: string }): Promise<Result<DirectoryView, WorkspaceFailure>> {
  const ws = await openWorkspace(deps, user, labId, "read");
  if (!ws.ok) return ws;
  const dir = await resolveInLab(ws.value, query);
  if (!dir.ok) return dir;
  if (dir.value.type !== "dir") return fail("NOT_A_DIRECTORY", `${query.path} is a file, not a folder.`);
  const { entries, truncated } = await listDirectory(ws.value, dir.value.resolved);
  return ok({
    root: dir.value.root,
    path: relativeTo(dir.value.root, dir.value.resolved),
    entries,
    truncated,
    freeBytes: dir.value.freeBytes,
    writable: canType(user, ws.value.lab),
  });
}

import { endpoint } from "@/lib/api/handler";
import { streamedDownloadResponse } from "@/lib/api/download";
import { downloadFiles } from "@/lib/labs/download-files";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { workspaceDeps } from "@/lib/labs/workspace-deps";

export const GET = endpoint(workspaceOperations.downloadFiles, ({ user, params, query }) => streamedDownloadResponse(downloadFiles(workspaceDeps(), user, params.id, query)));

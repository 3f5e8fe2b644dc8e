import { endpoint } from "@/lib/api/handler";
import { readFile } from "@/lib/labs/read-file";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { workspaceDeps } from "@/lib/labs/workspace-deps";

export const GET = endpoint(workspaceOperations.readFile, ({ user, params, query }) => readFile(workspaceDeps(), user, params.id, query));

import { endpoint } from "@/lib/api/handler";
import { listChecks } from "@/lib/labs/list-checks";
import { runCheck } from "@/lib/labs/run-check";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { workspaceDeps } from "@/lib/labs/workspace-deps";

export const GET = endpoint(workspaceOperations.listChecks, ({ user, params }) => listChecks(workspaceDeps(), user, params.id));
export const POST = endpoint(workspaceOperations.runCheck, ({ user, params, body }) => runCheck(workspaceDeps(), user, params.id, body));

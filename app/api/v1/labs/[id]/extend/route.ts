import { endpoint } from "@/lib/api/handler";
import { extendLab, extendOptions } from "@/lib/labs/extend-lab";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { workspaceDeps } from "@/lib/labs/workspace-deps";

export const GET = endpoint(workspaceOperations.extendOptions, ({ user, params }) => extendOptions(workspaceDeps(), user, params.id));
export const POST = endpoint(workspaceOperations.extend, ({ user, params }) => extendLab(workspaceDeps(), user, params.id));

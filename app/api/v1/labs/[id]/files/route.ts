import { endpoint } from "@/lib/api/handler";
import { streamedBody } from "@/lib/api/upload";
import { listFiles } from "@/lib/labs/list-files";
import { MAX_UPLOAD_BYTES, uploadFile } from "@/lib/labs/upload-files";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { workspaceDeps } from "@/lib/labs/workspace-deps";

export const GET = endpoint(workspaceOperations.listFiles, ({ user, params, query }) => listFiles(workspaceDeps(), user, params.id, query));

export const PUT = endpoint(workspaceOperations.uploadFile, async ({ user, params, query, req }) => {
  const body = streamedBody(req, MAX_UPLOAD_BYTES);
  return body.ok ? uploadFile(workspaceDeps(), user, params.id, query, body.value) : body;
});

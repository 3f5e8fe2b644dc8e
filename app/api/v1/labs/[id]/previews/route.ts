import { endpoint } from "@/lib/api/handler";
import { previewOperations } from "@/lib/preview/api";
import { previewDeps } from "@/lib/preview/deps";
import { openPreview } from "@/lib/preview/open-preview";

export const POST = endpoint(previewOperations.open, ({ user, params, body }) => openPreview(previewDeps(), user, { labId: params.id, port: body.port }));

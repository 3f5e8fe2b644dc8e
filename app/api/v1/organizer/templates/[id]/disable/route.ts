import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { disableTemplate } from "@/lib/templates/disable-template";

export const POST = endpoint(ops.disable, ({ user, params, body }) => disableTemplate(templateDeps(), user, params.id, body.reason));

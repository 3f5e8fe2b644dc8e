import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { enableTemplate } from "@/lib/templates/enable-template";

export const POST = endpoint(ops.enable, ({ user, params }) => enableTemplate(templateDeps(), user, params.id));

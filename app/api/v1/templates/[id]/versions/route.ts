import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { saveTemplateVersion } from "@/lib/templates/save-template-version";

export const POST = endpoint(ops.saveVersion, ({ user, params, body }) => saveTemplateVersion(templateDeps(), user, { ...body, templateId: params.id }));

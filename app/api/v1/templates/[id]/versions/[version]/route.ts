import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { getTemplateVersion } from "@/lib/templates/get-template-version";

export const GET = endpoint(ops.version, ({ user, params }) => getTemplateVersion(templateDeps(), user, params));

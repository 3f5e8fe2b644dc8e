import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { validateTemplate } from "@/lib/templates/validate-template";

export const POST = endpoint(ops.validate, ({ user, body }) => validateTemplate(templateDeps(), user, body));

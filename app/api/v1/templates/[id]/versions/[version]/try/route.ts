import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { tryTemplate } from "@/lib/templates/try-template";

export const POST = endpoint(ops.try, ({ user, params }) => tryTemplate(templateDeps(), user, params));

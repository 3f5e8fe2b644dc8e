import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { listAllTemplates } from "@/lib/templates/list-all-templates";

export const GET = endpoint(ops.review, ({ user }) => listAllTemplates(templateDeps(), user));

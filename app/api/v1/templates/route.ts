import { endpoint } from "@/lib/api/handler";
import { templateOperations as ops } from "@/lib/templates/api";
import { templateDeps } from "@/lib/templates/deps";
import { listMyTemplates } from "@/lib/templates/list-my-templates";
import { saveTemplateVersion } from "@/lib/templates/save-template-version";

export const GET = endpoint(ops.mine, ({ user }) => listMyTemplates(templateDeps(), user));
export const POST = endpoint(ops.create, ({ user, body }) => saveTemplateVersion(templateDeps(), user, body));

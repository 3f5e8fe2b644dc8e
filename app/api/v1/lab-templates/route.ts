import { endpoint } from "@/lib/api/handler";
import { labOperations } from "@/lib/labs/api";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { listTemplates } from "@/lib/labs/list-templates";

export const GET = endpoint(labOperations.templates, () => listTemplates(labUseCaseDeps()));

import { endpoint } from "@/lib/api/handler";
import { labOperations } from "@/lib/labs/api";
import { labUseCaseDeps } from "@/lib/labs/runtime";
import { listTemplates } from "@/lib/labs/use-cases";

export const GET = endpoint(labOperations.templates, () => listTemplates(labUseCaseDeps()));

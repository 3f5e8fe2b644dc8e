import { endpoint } from "@/lib/api/handler";
import { labOperations } from "@/lib/labs/api";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { getLab } from "@/lib/labs/get-lab";

export const GET = endpoint(labOperations.get, ({ user, params }) => getLab(labUseCaseDeps(), user, params.id));

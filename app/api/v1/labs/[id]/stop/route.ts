import { endpoint } from "@/lib/api/handler";
import { labOperations } from "@/lib/labs/api";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { stopLab } from "@/lib/labs/stop-lab";

export const POST = endpoint(labOperations.stop, ({ user, params }) => stopLab(labUseCaseDeps(), user, params.id));

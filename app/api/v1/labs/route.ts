import { endpoint } from "@/lib/api/handler";
import { labOperations } from "@/lib/labs/api";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { launchLab } from "@/lib/labs/launch-lab";
import { listLabs } from "@/lib/labs/list-labs";

export const GET = endpoint(labOperations.list, ({ user, query }) => listLabs(labUseCaseDeps(), user, query.scope));
export const POST = endpoint(labOperations.launch, ({ user, body }) => launchLab(labUseCaseDeps(), user, body));

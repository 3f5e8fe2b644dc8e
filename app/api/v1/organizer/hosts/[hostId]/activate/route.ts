import { activateHost } from "@/lib/hosts/activate-host";
import { endpoint } from "@/lib/api/handler";
import { hostOperations as ops } from "@/lib/hosts/api";
import { hostUseCaseDeps } from "@/lib/hosts/deps";

export const POST = endpoint(ops.activate, ({ params }) => activateHost(hostUseCaseDeps(), params.hostId));

import { endpoint } from "@/lib/api/handler";
import { hostOperations as ops } from "@/lib/hosts/api";
import { hostUseCaseDeps } from "@/lib/hosts/deps";
import { drainHost } from "@/lib/hosts/drain-host";

export const POST = endpoint(ops.drain, ({ params, body }) => drainHost(hostUseCaseDeps(), params.hostId, body));

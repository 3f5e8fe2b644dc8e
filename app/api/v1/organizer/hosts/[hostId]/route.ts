import { endpoint } from "@/lib/api/handler";
import { hostOperations as ops } from "@/lib/hosts/api";
import { hostUseCaseDeps } from "@/lib/hosts/deps";
import { removeHost } from "@/lib/hosts/remove-host";

export const DELETE = endpoint(ops.remove, ({ params }) => removeHost(hostUseCaseDeps(), params.hostId));

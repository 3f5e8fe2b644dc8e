import { endpoint } from "@/lib/api/handler";
import { addHost } from "@/lib/hosts/add-host";
import { hostOperations as ops } from "@/lib/hosts/api";
import { hostUseCaseDeps } from "@/lib/hosts/deps";
import { listHosts } from "@/lib/hosts/list-hosts";

export const GET = endpoint(ops.list, () => listHosts(hostUseCaseDeps()));
export const POST = endpoint(ops.add, ({ body }) => addHost(hostUseCaseDeps(), body));

import { endpoint } from "@/lib/api/handler";
import { clientAddress } from "@/lib/client-address";
import { hostJoinOperations as ops } from "@/lib/hosts/join-api";
import { joinHostDeps } from "@/lib/hosts/join-deps";
import { joinHost } from "@/lib/hosts/join-host";

export const POST = endpoint(ops.joinHost, ({ body, req }) => joinHost(joinHostDeps(), body, clientAddress(req.headers.get("x-forwarded-for"), req.headers.get("x-real-ip"))));

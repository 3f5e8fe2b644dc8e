import { endpoint } from "@/lib/api/handler";
import { createJoinToken } from "@/lib/hosts/create-join-token";
import { hostJoinOperations as ops } from "@/lib/hosts/join-api";
import { createJoinTokenDeps } from "@/lib/hosts/join-deps";

export const POST = endpoint(ops.createJoinToken, ({ user, body }) => createJoinToken(createJoinTokenDeps(), user, body));

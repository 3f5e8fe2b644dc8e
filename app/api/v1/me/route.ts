import { endpoint } from "@/lib/api/handler";
import { authOperations } from "@/lib/auth/api";
import { ok } from "@/lib/errors";

export const GET = endpoint(authOperations.me, async ({ user }) => ok(user));

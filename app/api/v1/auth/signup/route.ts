import { endpoint } from "@/lib/api/handler";
import { authOperations } from "@/lib/auth/api";
import { authDeps } from "@/lib/auth/deps";
import { signUp } from "@/lib/auth/service";

export const POST = endpoint(authOperations.signUp, ({ body }) => signUp(authDeps(), body));

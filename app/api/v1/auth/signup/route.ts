import { endpoint } from "@/lib/api/handler";
import { authOperations } from "@/lib/auth/api";
import { authDeps } from "@/lib/auth/deps";
import { signUp } from "@/lib/auth/service";
import { clientAddress } from "@/lib/client-address";

export const POST = endpoint(authOperations.signUp, ({ body, req }) => signUp(authDeps(), body, clientAddress(req.headers.get("x-forwarded-for"), req.headers.get("x-real-ip"))));

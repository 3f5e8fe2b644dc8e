import { endpoint } from "@/lib/api/handler";
import { recapOperations as ops } from "@/lib/recap/api";
import { recapDeps } from "@/lib/recap/deps";
import { getSessionRecap } from "@/lib/recap/get-session-recap";

export const GET = endpoint(ops.sessionRecap, ({ user, params }) => getSessionRecap(recapDeps(), user, params.sessionId));

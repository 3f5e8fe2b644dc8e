import { endpoint } from "@/lib/api/handler";
import { recapOperations as ops } from "@/lib/recap/api";
import { recapDeps } from "@/lib/recap/deps";
import { getRecap } from "@/lib/recap/get-recap";

export const GET = endpoint(ops.recap, ({ user }) => getRecap(recapDeps(), user));

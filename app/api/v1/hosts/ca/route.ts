import { endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/errors";
import { hostJoinOperations as ops } from "@/lib/hosts/join-api";
import { hostsCa } from "@/lib/hosts/join-deps";

export const GET = endpoint(ops.getCa, async () => {
  const ca = await hostsCa();
  return ok({ certPem: ca.certPem, digest: ca.digest });
});

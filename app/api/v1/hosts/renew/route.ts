import { endpoint } from "@/lib/api/handler";
import { clientAddress } from "@/lib/client-address";
import { hostJoinOperations as ops } from "@/lib/hosts/join-api";
import { renewHostDeps } from "@/lib/hosts/join-deps";
import { renewHostCertificate } from "@/lib/hosts/renew-host-certificate";

export const POST = endpoint(ops.renewHost, ({ body, req }) =>
  renewHostCertificate(renewHostDeps(), body, clientAddress(req.headers.get("x-forwarded-for"), req.headers.get("x-real-ip"))),
);

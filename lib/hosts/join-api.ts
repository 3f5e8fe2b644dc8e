import { defineOperation } from "@/lib/api/operation";
import { caView, createJoinTokenInput, hostCertificateView, joinHostInput, joinTokenView, renewHostInput } from "./join-schema";

const TAG = "Hosts";
const JOIN_ERRORS = [
  "INVALID_JSON",
  "RATE_LIMITED",
  "JOIN_TOKEN_MALFORMED",
  "JOIN_TOKEN_UNKNOWN",
  "JOIN_TOKEN_OTHER_CA",
  "JOIN_TOKEN_EXPIRED",
  "JOIN_TOKEN_USED",
  "JOIN_HOST_NAME_MISMATCH",
  "CSR_INVALID",
  "HOST_NAMES_INVALID",
] as const;

/** Backing hosts joining Mingle: join tokens, Mingle's CA, joining and renewing (scripts/lab-host.sh is the client). */
export const hostJoinOperations = {
  createJoinToken: defineOperation({
    id: "createHostJoinToken",
    method: "POST",
    path: "/api/v1/organizer/hosts/join-tokens",
    summary: "A one-time token for a machine to join as a backing host (shown once; expires in an hour unless told otherwise)",
    tag: TAG,
    access: "organizer",
    body: createJoinTokenInput,
    response: joinTokenView,
    status: 201,
    errors: ["INVALID_JSON"],
  }),
  getCa: defineOperation({
    id: "getHostsCa",
    method: "GET",
    path: "/api/v1/hosts/ca",
    summary: "Mingle's CA certificate for backing hosts and its sha256 digest (a joining machine checks it against its token's)",
    tag: TAG,
    access: "public",
    response: caView,
  }),
  joinHost: defineOperation({
    id: "joinHost",
    method: "POST",
    path: "/api/v1/hosts/join",
    summary: "Join as a backing host: a join token, the host's name and Engine API URL, and a CSR; answers with its server certificate and Mingle's CA",
    tag: TAG,
    access: "public",
    body: joinHostInput,
    response: hostCertificateView,
    errors: JOIN_ERRORS,
  }),
  renewHost: defineOperation({
    id: "renewHostCertificate",
    method: "POST",
    path: "/api/v1/hosts/renew",
    summary: "Renew a joined host's server certificate: its current certificate and a CSR signed with the same key",
    tag: TAG,
    access: "public",
    body: renewHostInput,
    response: hostCertificateView,
    errors: ["INVALID_JSON", "RATE_LIMITED", "HOST_CERTIFICATE_INVALID", "CSR_INVALID", "HOST_NAMES_INVALID"],
  }),
};

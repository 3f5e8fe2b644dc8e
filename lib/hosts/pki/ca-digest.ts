import { createHash, X509Certificate } from "node:crypto";

/**
 * The CA's fingerprint as a join token carries it: sha256 of the certificate's DER, lowercase hex.
 * A joining host computes the same with `openssl x509 -outform DER | sha256sum` before it trusts
 * the CA it was sent.
 */
export function caDigest(certPem: string): string {
  return createHash("sha256").update(new X509Certificate(certPem).raw).digest("hex");
}

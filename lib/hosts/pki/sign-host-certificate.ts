import { isIP } from "node:net";
import forge from "node-forge";
import { fail, ok, type Result } from "@/lib/errors";
import type { Ca } from "./ca";
import { issueCertificate } from "./issue-certificate";

/**
 * A backing host's server certificate (EKU serverAuth), signed by Mingle's CA. The host sends a
 * CSR (its key never leaves it) or, for the test bed, a public key. The CSR's own subject and
 * extensions are ignored: Mingle decides the names it vouches for.
 */
export const HOST_DAYS = 90;
export const MAX_HOST_DAYS = 397;

export type HostCertificateError = "CSR_INVALID" | "HOST_NAMES_INVALID";

export interface HostCertificateInput {
  csrPem?: string;
  publicKeyPem?: string;
  hostName: string;
  ips: string[];
  dnsNames: string[];
  days?: number;
}

const NOT_A_CSR = "The certificate request is not a PEM CSR with an RSA key (openssl req -new -key host-key.pem, RSA 2048 or more).";
const BAD_SIGNATURE = "The certificate request's signature does not verify: make it again with the host's key.";

/** forge throws on a signature that does not decrypt, and returns false on one that does not match. */
function verifies(csr: forge.pki.CertificateSigningRequest): boolean {
  try {
    return csr.verify();
  } catch {
    return false;
  }
}

/** The public key of a CSR whose signature verifies (so the sender holds the key), or of a public key PEM. */
function publicKeyFrom(input: HostCertificateInput): Result<forge.pki.rsa.PublicKey, "CSR_INVALID"> {
  if (!input.csrPem && !input.publicKeyPem) return fail("CSR_INVALID", "Send the host's certificate request (csrPem).");
  let csr: forge.pki.CertificateSigningRequest;
  try {
    if (!input.csrPem) return ok(forge.pki.publicKeyFromPem(input.publicKeyPem!) as forge.pki.rsa.PublicKey);
    csr = forge.pki.certificationRequestFromPem(input.csrPem);
  } catch {
    return fail("CSR_INVALID", NOT_A_CSR);
  }
  if (!verifies(csr)) return fail("CSR_INVALID", BAD_SIGNATURE);
  return ok(csr.publicKey as forge.pki.rsa.PublicKey);
}

export function signHostCertificate(ca: Ca, input: HostCertificateInput, now: Date = new Date()): Result<{ certPem: string; notAfter: Date }, HostCertificateError> {
  const key = publicKeyFrom(input);
  if (!key.ok) return key;
  if (key.value.n.bitLength() < 2048) return fail("CSR_INVALID", "The host's key is shorter than 2048 bits; make an RSA key of 2048 bits or more.");
  const badIp = input.ips.find((ip) => isIP(ip) === 0);
  if (badIp !== undefined) return fail("HOST_NAMES_INVALID", `"${badIp}" is not an IP address.`);
  if (input.ips.length + input.dnsNames.length === 0) return fail("HOST_NAMES_INVALID", "Name at least one IP address or DNS name the host is reached at.");
  const days = input.days ?? HOST_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_HOST_DAYS) return fail("HOST_NAMES_INVALID", `A host certificate lasts 1 to ${MAX_HOST_DAYS} days.`);
  const altNames = [...input.ips.map((ip) => ({ type: 7, ip })), ...input.dnsNames.map((value) => ({ type: 2, value }))];
  return ok(
    issueCertificate({
      publicKey: key.value,
      commonName: input.hostName,
      days,
      issuer: ca,
      extensions: [
        { name: "basicConstraints", cA: false, critical: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames },
      ],
      now,
    }),
  );
}

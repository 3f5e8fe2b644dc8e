import { createPublicKey, X509Certificate } from "node:crypto";
import forge from "node-forge";
import type { WindowLimiter } from "@/lib/rate-limit/limiter";
import { fail, ok, type Result } from "@/lib/errors";
import type { HostCertificateRenewed } from "./joined-host-port";
import { tooManyJoins } from "./join-host";
import type { HostCertificateView, RenewHostInput } from "./join-schema";
import type { Ca } from "./pki/ca";
import { signHostCertificate } from "./pki/sign-host-certificate";

export interface RenewHostDeps {
  ca: () => Promise<Ca>;
  hostCertificateRenewed: HostCertificateRenewed;
  limiter: WindowLimiter;
  now: () => Date;
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const NOT_OURS = "This is not a current host certificate from this Mingle: join again with a new token from the Hosts page.";

/** The names a host certificate vouches for, from its subjectAltName ("IP Address:1.2.3.4, DNS:x"). */
function namesIn(cert: X509Certificate): { ips: string[]; dnsNames: string[] } {
  const entries = (cert.subjectAltName ?? "").split(", ").filter(Boolean);
  return {
    ips: entries.filter((e) => e.startsWith("IP Address:")).map((e) => e.slice("IP Address:".length)),
    dnsNames: entries.filter((e) => e.startsWith("DNS:")).map((e) => e.slice("DNS:".length)),
  };
}

function parseCertificate(pem: string): X509Certificate | null {
  try {
    return new X509Certificate(pem);
  } catch {
    return null;
  }
}

/**
 * A joined host renews its server certificate before it expires, with no token: it shows its
 * current certificate (from this CA, not expired) and a CSR signed by the same key, which proves
 * it holds that key. The new certificate carries the same names.
 */
export async function renewHostCertificate(deps: RenewHostDeps, input: RenewHostInput, clientAddress: string): Promise<Result<HostCertificateView>> {
  const limited = await tooManyJoins(deps.limiter, clientAddress);
  if (limited) return limited;
  const ca = await deps.ca();
  const now = deps.now();
  const current = parseCertificate(input.certPem);
  const caCert = new X509Certificate(ca.certPem);
  if (!current?.checkIssued(caCert) || !current.verify(caCert.publicKey) || !(current.keyUsage ?? []).includes(SERVER_AUTH)) {
    return fail("HOST_CERTIFICATE_INVALID", NOT_OURS);
  }
  if (new Date(current.validTo) <= now)
    return fail("HOST_CERTIFICATE_INVALID", `This host's certificate expired at ${new Date(current.validTo).toISOString()}: join again with a new token.`);
  let csrKey: Buffer;
  try {
    const csr = forge.pki.certificationRequestFromPem(input.csrPem);
    csrKey = createPublicKey(forge.pki.publicKeyToPem(csr.publicKey as forge.pki.rsa.PublicKey)).export({ type: "spki", format: "der" });
  } catch {
    return fail("CSR_INVALID", "The certificate request is not a PEM CSR with an RSA key (openssl req -new -key host-key.pem).");
  }
  if (!csrKey.equals(current.publicKey.export({ type: "spki", format: "der" }))) {
    return fail("HOST_CERTIFICATE_INVALID", "The certificate request is not signed with this host's key: renew with the key the host joined with.");
  }
  const name = current.subject.replace(/^CN=/, "");
  const signed = signHostCertificate(ca, { csrPem: input.csrPem, hostName: name, ...namesIn(current) }, now);
  if (!signed.ok) return signed;
  const renewed = await deps.hostCertificateRenewed({ name, certNotAfter: signed.value.notAfter });
  if (!renewed.ok) return renewed;
  return ok({ name, certPem: signed.value.certPem, caPem: ca.certPem, notAfter: signed.value.notAfter.toISOString() });
}

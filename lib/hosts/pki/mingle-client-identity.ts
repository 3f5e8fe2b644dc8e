import { X509Certificate } from "node:crypto";
import path from "node:path";
import { type Ca, ensureCa } from "./ca";
import { pemBlocks, readIfExists, writeFileAtomic } from "./files";
import { issueCertificate, newRsaKeyPem, publicKeyOf } from "./issue-certificate";
import { renewalDue } from "./renewal";

/**
 * The certificate Mingle presents to every backing host's dockerd (EKU clientAuth), from Mingle's
 * CA. Kept with its key in one file (mode 0600) and replaced in one step when due, so a reader
 * never sees a new certificate beside an old key.
 */
export const CLIENT_DAYS = 90;
const CLIENT_NAME = "mingle";

export interface ClientIdentity {
  /** Mingle's CA certificate: what the hosts' certificates must chain to. */
  ca: string;
  cert: string;
  key: string;
  notAfter: Date;
}

export const clientFile = (dir: string) => path.join(dir, "client.pem");

function issueClient(ca: Ca, now: Date): { text: string; identity: ClientIdentity } {
  const key = newRsaKeyPem();
  const { certPem, notAfter } = issueCertificate({
    publicKey: publicKeyOf(key),
    commonName: CLIENT_NAME,
    days: CLIENT_DAYS,
    issuer: ca,
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", clientAuth: true },
    ],
    now,
  });
  return { text: key + certPem, identity: { ca: ca.certPem, cert: certPem, key, notAfter } };
}

/** The stored identity if it is from this CA and not yet due for renewal. */
function usable(text: string | null, ca: Ca, now: Date): ClientIdentity | null {
  const key = text ? pemBlocks(text, "RSA PRIVATE KEY")[0] : undefined;
  const cert = text ? pemBlocks(text, "CERTIFICATE")[0] : undefined;
  if (!key || !cert) return null;
  const x509 = new X509Certificate(cert);
  if (!x509.checkIssued(new X509Certificate(ca.certPem)) || !x509.verify(new X509Certificate(ca.certPem).publicKey)) return null;
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  if (renewalDue(notBefore, notAfter, now)) return null;
  return { ca: ca.certPem, cert, key, notAfter };
}

/**
 * Mingle's client identity, made on first use and renewed once a third of its lifetime is left.
 * Clients made from an earlier identity keep working until its notAfter: re-register engines
 * (tlsOptionsFor) before then.
 */
export async function mingleClientIdentity(dir: string, now: Date = new Date()): Promise<ClientIdentity> {
  const ca = await ensureCa(dir, now);
  const stored = usable(await readIfExists(clientFile(dir)), ca, now);
  if (stored) return stored;
  const { text, identity } = issueClient(ca, now);
  await writeFileAtomic(clientFile(dir), text, 0o600);
  return identity;
}

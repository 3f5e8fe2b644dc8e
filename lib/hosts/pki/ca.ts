import { createPublicKey, X509Certificate } from "node:crypto";
import path from "node:path";
import { caDigest } from "./ca-digest";
import { createFileOnce, pemBlocks, readIfExists, writeFileAtomic } from "./files";
import { issueCertificate, newRsaKeyPem, publicKeyOf } from "./issue-certificate";

/**
 * Mingle's own certificate authority for its backing hosts, kept in the data folder (never in the
 * repository). `ca-key.pem` (mode 0600) holds the key and the certificate together, so the pair
 * appears in one step: two processes starting at once both try to create it, one wins, and the
 * other reads the winner's. `ca.pem` is the certificate alone, for dockerd's --tlscacert.
 */
export const CA_DAYS = 3650;
const CA_KEY_BITS = 3072;
const CA_NAME = "Mingle hosts CA";

export interface Ca {
  certPem: string;
  keyPem: string;
  /** sha256 of the certificate (see caDigest): what a join token pins. */
  digest: string;
  notAfter: Date;
}

export const caKeyFile = (dir: string) => path.join(dir, "ca-key.pem");
export const caCertFile = (dir: string) => path.join(dir, "ca.pem");

function newCaBundle(now: Date): string {
  const keyPem = newRsaKeyPem(CA_KEY_BITS);
  const { certPem } = issueCertificate({
    publicKey: publicKeyOf(keyPem),
    commonName: CA_NAME,
    days: CA_DAYS,
    selfKeyPem: keyPem,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
    now,
  });
  return keyPem + certPem;
}

function parseBundle(file: string, text: string): Ca {
  const keyPem = pemBlocks(text, "RSA PRIVATE KEY")[0];
  const certPem = pemBlocks(text, "CERTIFICATE")[0];
  if (!keyPem || !certPem) throw new Error(`${file} holds no CA key and certificate; move it away and a new CA is made (hosts must then join again)`);
  // A key that does not belong to the certificate would sign certificates nobody can verify.
  const cert = new X509Certificate(certPem);
  if (!cert.publicKey.export({ type: "spki", format: "der" }).equals(createPublicKey(keyPem).export({ type: "spki", format: "der" })))
    throw new Error(`${file}: the key does not match the certificate`);
  return { certPem, keyPem, digest: caDigest(certPem), notAfter: new Date(cert.validTo) };
}

/** The CA in `dir`, made on first use. Idempotent and safe when several processes call it at once. */
export async function ensureCa(dir: string, now: Date = new Date()): Promise<Ca> {
  const file = caKeyFile(dir);
  let text = await readIfExists(file);
  if (text === null) {
    await createFileOnce(file, newCaBundle(now), 0o600);
    text = (await readIfExists(file))!;
  }
  const ca = parseBundle(file, text);
  if ((await readIfExists(caCertFile(dir))) !== ca.certPem) await writeFileAtomic(caCertFile(dir), ca.certPem, 0o644);
  return ca;
}

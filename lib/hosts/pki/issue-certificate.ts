import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/**
 * The one place a certificate is made (node-forge builds and signs it; see
 * docs/decisions/0011-host-identity-and-join.md). Keys are RSA: forge signs and reads CSRs with RSA
 * only, and every TLS stack Docker uses accepts it.
 */
export const KEY_BITS = 2048;
/** Clocks differ between machines: a certificate is valid from a little before it was made. */
const BACKDATE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface Issuer {
  certPem: string;
  keyPem: string;
}

export interface IssueInput {
  /** The subject's public key. */
  publicKey: forge.pki.rsa.PublicKey;
  commonName: string;
  days: number;
  /** Omitted: self-signed with `selfKeyPem` (the CA). */
  issuer?: Issuer;
  selfKeyPem?: string;
  extensions: object[];
  now: Date;
}

export function newRsaKeyPem(bits = KEY_BITS): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
}

export function publicKeyOf(keyPem: string): forge.pki.rsa.PublicKey {
  const key = forge.pki.privateKeyFromPem(keyPem);
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

/** 128 random bits, positive (the top bit clear), as RFC 5280 asks of serial numbers. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString("hex");
}

export function issueCertificate(input: IssueInput): { certPem: string; notAfter: Date } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = input.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(input.now.getTime() - BACKDATE_MS);
  const notAfter = new Date(input.now.getTime() + input.days * DAY_MS);
  // X.509 keeps whole seconds: the date we report is the one the certificate carries.
  notAfter.setMilliseconds(0);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: "commonName", value: input.commonName }]);
  const extensions: object[] = [...input.extensions, { name: "subjectKeyIdentifier" }];
  let signingKey: forge.pki.rsa.PrivateKey;
  if (input.issuer) {
    const issuerCert = forge.pki.certificateFromPem(input.issuer.certPem);
    cert.setIssuer(issuerCert.subject.attributes);
    extensions.push({ name: "authorityKeyIdentifier", keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() });
    signingKey = forge.pki.privateKeyFromPem(input.issuer.keyPem);
  } else {
    if (!input.selfKeyPem) throw new Error("issueCertificate: a self-signed certificate needs selfKeyPem");
    cert.setIssuer(cert.subject.attributes);
    signingKey = forge.pki.privateKeyFromPem(input.selfKeyPem);
  }
  cert.setExtensions(extensions);
  cert.sign(signingKey, forge.md.sha256.create());
  // forge ends PEM lines with CRLF; the files and the API use LF.
  return { certPem: forge.pki.certificateToPem(cert).replace(/\r\n/g, "\n"), notAfter };
}

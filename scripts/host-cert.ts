/**
 * Server certificates for engines this machine runs itself (scripts/test-engines.sh), signed by
 * Mingle's CA (HOSTS_PKI_DIR). The key is made here and stays in DIR; a real host makes its own
 * key and joins instead (scripts/lab-host.sh).
 * Usage: tsx scripts/host-cert.ts NAME IP DIR [NAME IP DIR ...]
 * Writes DIR/key.pem (0600), DIR/cert.pem and DIR/ca.pem; keeps a certificate that is from the
 * current CA and not due for renewal. Prints "issued NAME" for each one it (re)made.
 */
import { createPublicKey, X509Certificate } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ensureCa } from "@/lib/hosts/pki/ca";
import { writeFileAtomic } from "@/lib/hosts/pki/files";
import { newRsaKeyPem } from "@/lib/hosts/pki/issue-certificate";
import { mingleClientIdentity } from "@/lib/hosts/pki/mingle-client-identity";
import { renewalDue } from "@/lib/hosts/pki/renewal";
import { signHostCertificate } from "@/lib/hosts/pki/sign-host-certificate";
import { hostsPkiDir } from "@/lib/hosts/pki/tls-options";

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) {
  console.error("usage: tsx scripts/host-cert.ts NAME IP DIR [NAME IP DIR ...]");
  process.exit(2);
}
// Mingle's client identity too, so the caller can reach these engines (curl --cert HOSTS_PKI_DIR/client.pem).
await mingleClientIdentity(hostsPkiDir());
const ca = await ensureCa(hostsPkiDir());
const now = new Date();

async function current(dir: string, ip: string): Promise<boolean> {
  try {
    const cert = new X509Certificate(await readFile(path.join(dir, "cert.pem"), "utf8"));
    const ours = cert.checkIssued(new X509Certificate(ca.certPem)) && cert.verify(new X509Certificate(ca.certPem).publicKey);
    const sameKey = cert.publicKey
      .export({ type: "spki", format: "der" })
      .equals(createPublicKey(await readFile(path.join(dir, "key.pem"), "utf8")).export({ type: "spki", format: "der" }));
    return ours && sameKey && cert.checkIP(ip) === ip && !renewalDue(new Date(cert.validFrom), new Date(cert.validTo), now);
  } catch {
    return false;
  }
}

for (let i = 0; i < args.length; i += 3) {
  const [name, ip, dir] = [args[i]!, args[i + 1]!, path.resolve(args[i + 2]!)];
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path.join(dir, "ca.pem"), ca.certPem, 0o644);
  if (await current(dir, ip)) continue;
  const keyPem = newRsaKeyPem();
  const publicKeyPem = createPublicKey(keyPem).export({ type: "spki", format: "pem" }).toString();
  const signed = signHostCertificate(ca, { publicKeyPem, hostName: name, ips: [ip], dnsNames: [] }, now);
  if (!signed.ok) throw new Error(`${name}: ${signed.message}`);
  await writeFileAtomic(path.join(dir, "key.pem"), keyPem, 0o600);
  await writeFileAtomic(path.join(dir, "cert.pem"), signed.value.certPem, 0o644);
  console.log(`issued ${name}`);
}

import { execFileSync } from "node:child_process";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterEach, describe, expect, it } from "vitest";
import { caCertFile, caKeyFile, ensureCa } from "./ca";
import { caDigest } from "./ca-digest";
import { clientFile, mingleClientIdentity } from "./mingle-client-identity";
import { renewalDue, renewAfter } from "./renewal";
import { signHostCertificate } from "./sign-host-certificate";
import { tlsEndpointOf, tlsOptionsFor } from "./tls-options";

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const DAY = 86_400_000;
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mingle-pki-"));
  dirs.push(dir);
  return path.join(dir, "pki");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function csrFor(keyPem: string, cn = "ignored"): string {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject([{ name: "commonName", value: cn }]);
  csr.sign(key, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}
const rsaKey = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

describe("ensureCa", () => {
  it("makes a CA on first use, key readable by its owner only, and returns the same one after", async () => {
    const dir = freshDir();
    const first = await ensureCa(dir);
    expect(statSync(caKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(caCertFile(dir), "utf8")).toBe(first.certPem);
    const cert = new X509Certificate(first.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect((await ensureCa(dir)).digest).toBe(first.digest);
  });

  it("gives every caller the same CA when several make it at once", async () => {
    const dir = freshDir();
    const all = await Promise.all([ensureCa(dir), ensureCa(dir), ensureCa(dir)]);
    expect(new Set(all.map((ca) => ca.digest)).size).toBe(1);
    expect((await ensureCa(dir)).digest).toBe(all[0]!.digest);
  });

  it("digests the certificate's DER as openssl does on the joining host", async () => {
    const ca = await ensureCa(freshDir());
    const der = execFileSync("openssl", ["x509", "-outform", "DER"], { input: ca.certPem });
    const openssl = execFileSync("sha256sum", { input: der }).toString().split(" ")[0];
    expect(caDigest(ca.certPem)).toBe(openssl);
    expect(ca.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("mingleClientIdentity", () => {
  it("is a client certificate (EKU clientAuth) from Mingle's CA, kept with its key in one 0600 file", async () => {
    const dir = freshDir();
    const identity = await mingleClientIdentity(dir);
    const ca = new X509Certificate(identity.ca);
    const cert = new X509Certificate(identity.cert);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual([CLIENT_AUTH]);
    expect(cert.ca).toBe(false);
    expect(cert.checkPrivateKey(await import("node:crypto").then((c) => c.createPrivateKey(identity.key)))).toBe(true);
    expect(statSync(clientFile(dir)).mode & 0o777).toBe(0o600);
    expect(identity.notAfter.getTime()).toBe(new Date(cert.validTo).getTime());
  });

  it("is kept until a third of its lifetime is left, then renewed", async () => {
    const dir = freshDir();
    const now = new Date();
    const first = await mingleClientIdentity(dir, now);
    const lifetime = first.notAfter.getTime() - now.getTime();
    const beforeWindow = await mingleClientIdentity(dir, new Date(now.getTime() + lifetime * 0.6));
    expect(beforeWindow.cert).toBe(first.cert);
    const inWindow = await mingleClientIdentity(dir, new Date(now.getTime() + lifetime * 0.7));
    expect(inWindow.cert).not.toBe(first.cert);
    expect(inWindow.notAfter.getTime()).toBeGreaterThan(first.notAfter.getTime());
    expect((await mingleClientIdentity(dir, new Date(now.getTime() + lifetime * 0.7))).cert).toBe(inWindow.cert);
  });

  it("is made again when the CA it came from is gone", async () => {
    const dir = freshDir();
    const first = await mingleClientIdentity(dir);
    rmSync(caKeyFile(dir));
    const again = await mingleClientIdentity(dir);
    expect(again.ca).not.toBe(first.ca);
    expect(new X509Certificate(again.cert).checkIssued(new X509Certificate(again.ca))).toBe(true);
  });
});

describe("signHostCertificate", () => {
  it("signs the CSR's key as a server (EKU serverAuth) for the names Mingle decides, not the CSR's", async () => {
    const ca = await ensureCa(freshDir());
    const key = rsaKey();
    const now = new Date();
    const signed = signHostCertificate(ca, { csrPem: csrFor(key, "evil"), hostName: "lab-1", ips: ["127.0.0.2"], dnsNames: ["lab-1.mingle.test"], days: 30 }, now);
    if (!signed.ok) throw new Error(signed.message);
    const cert = new X509Certificate(signed.value.certPem);
    expect(cert.checkIssued(new X509Certificate(ca.certPem)) && cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual([SERVER_AUTH]);
    expect(cert.subject).toBe("CN=lab-1");
    expect(cert.checkIP("127.0.0.2")).toBe("127.0.0.2");
    expect(cert.checkIP("127.0.0.3")).toBeUndefined();
    expect(cert.checkHost("lab-1.mingle.test")).toBe("lab-1.mingle.test");
    expect(cert.checkPrivateKey(await import("node:crypto").then((c) => c.createPrivateKey(key)))).toBe(true);
    expect(Math.round((signed.value.notAfter.getTime() - now.getTime()) / DAY)).toBe(30);
  });

  it("signs a public key too (the test bed makes its keys itself)", async () => {
    const ca = await ensureCa(freshDir());
    const publicKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const signed = signHostCertificate(ca, { publicKeyPem, hostName: "bed-2", ips: ["127.0.0.2"], dnsNames: [] });
    expect(signed.ok).toBe(true);
  });

  it("refuses a CSR that is not one, whose signature does not verify, or whose key is not RSA", async () => {
    const ca = await ensureCa(freshDir());
    const base = { hostName: "lab-1", ips: ["127.0.0.2"], dnsNames: [] };
    expect(signHostCertificate(ca, { ...base, csrPem: "hello" })).toMatchObject({ ok: false, code: "CSR_INVALID" });
    // One CSR's request with another CSR's signature: someone without the key asking for its certificate.
    const asn1Of = (pem: string) => forge.asn1.fromDer(forge.pem.decode(pem)[0]!.body);
    const spliced = asn1Of(csrFor(rsaKey()));
    (spliced.value as forge.asn1.Asn1[])[2] = (asn1Of(csrFor(rsaKey())).value as forge.asn1.Asn1[])[2]!;
    const csrPem = forge.pem.encode({ type: "CERTIFICATE REQUEST", body: forge.asn1.toDer(spliced).getBytes() });
    expect(signHostCertificate(ca, { ...base, csrPem })).toMatchObject({ ok: false, code: "CSR_INVALID", message: expect.stringMatching(/signature/) });
    const ecKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
    const ecKeyFile = path.join(path.dirname(caKeyFile(dirs.at(-1)!)), "ec-key.pem");
    writeFileSync(ecKeyFile, ecKey);
    const ecCsr = execFileSync("openssl", ["req", "-new", "-key", ecKeyFile, "-subj", "/CN=x"]).toString();
    expect(signHostCertificate(ca, { ...base, csrPem: ecCsr })).toMatchObject({ ok: false, code: "CSR_INVALID", message: expect.stringMatching(/RSA/) });
  });

  it("refuses names that are not addresses, no names at all, and lifetimes out of range", async () => {
    const ca = await ensureCa(freshDir());
    const csrPem = csrFor(rsaKey());
    expect(signHostCertificate(ca, { csrPem, hostName: "h", ips: ["300.1.1.1"], dnsNames: [] })).toMatchObject({ ok: false, code: "HOST_NAMES_INVALID" });
    expect(signHostCertificate(ca, { csrPem, hostName: "h", ips: [], dnsNames: [] })).toMatchObject({ ok: false, code: "HOST_NAMES_INVALID" });
    expect(signHostCertificate(ca, { csrPem, hostName: "h", ips: ["127.0.0.2"], dnsNames: [], days: 0 })).toMatchObject({ ok: false, code: "HOST_NAMES_INVALID" });
  });
});

describe("renewal window", () => {
  const from = new Date("2026-01-01T00:00:00Z");
  const to = new Date(from.getTime() + 90 * DAY);
  it("opens when a third of the lifetime is left", () => {
    expect(renewAfter(from, to)).toEqual(new Date(from.getTime() + 60 * DAY));
    expect(renewalDue(from, to, new Date(from.getTime() + 60 * DAY - 1))).toBe(false);
    expect(renewalDue(from, to, new Date(from.getTime() + 60 * DAY))).toBe(true);
    expect(renewalDue(from, to, new Date(to.getTime() + DAY))).toBe(true);
  });
});

describe("tlsOptionsFor", () => {
  it("reads tcp:// and https:// Engine URLs, 2376 by default, and refuses others", () => {
    expect(tlsEndpointOf("tcp://127.0.0.2:2376")).toEqual({ host: "127.0.0.2", port: 2376 });
    expect(tlsEndpointOf("tcp://10.1.2.3")).toEqual({ host: "10.1.2.3", port: 2376 });
    expect(tlsEndpointOf("https://[::1]:2400")).toEqual({ host: "::1", port: 2400 });
    expect(() => tlsEndpointOf("unix:///var/run/docker.sock")).toThrow(/tcp:\/\/host:2376/);
    expect(() => tlsEndpointOf("tcp://127.0.0.2:2376/v1.41")).toThrow();
  });

  it("gives dockerode Mingle's client identity and only Mingle's CA", async () => {
    const dir = freshDir();
    const options = await tlsOptionsFor("tcp://127.0.0.2:2376", dir);
    const identity = await mingleClientIdentity(dir);
    expect(options).toEqual({ host: "127.0.0.2", port: 2376, protocol: "https", ca: identity.ca, cert: identity.cert, key: identity.key });
  });
});

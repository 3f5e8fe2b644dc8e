import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEngine, registerEngine } from "@/lib/docker/engines";
import { ensureCa } from "@/lib/hosts/pki/ca";
import { mingleClientIdentity } from "@/lib/hosts/pki/mingle-client-identity";
import { signHostCertificate } from "@/lib/hosts/pki/sign-host-certificate";
import { hostsPkiDir, tlsOptionsFor } from "@/lib/hosts/pki/tls-options";
import { newRsaKeyPem } from "@/lib/hosts/pki/issue-certificate";
import { BASE_IMAGE } from "@/lib/labs/images";
import { ensureTestEngines, type TestEngine } from "@/lib/testing/test-engines";
import { createPublicKey } from "node:crypto";

/**
 * Mutual TLS on real engines (the test bed): only Mingle's client certificate gets in, and Mingle
 * talks only to an engine whose certificate comes from Mingle's CA.
 */
let engines: TestEngine[];
/** dockerd ends the handshake with a TLS alert (bad certificate; certificate required under TLS 1.3). */
const REFUSED_CLIENT = /^ERR_SSL_(SSLV3_ALERT_BAD_CERTIFICATE|TLSV13_ALERT_CERTIFICATE_REQUIRED) /;
const foreignDir = mkdtempSync(path.join(tmpdir(), "mingle-foreign-ca-"));

beforeAll(async () => {
  engines = await ensureTestEngines();
});
afterAll(() => rmSync(foreignDir, { recursive: true, force: true }));

/** GET /_ping over TLS with the given client material; the error's code when the handshake fails. */
function ping(url: string, tls: { ca: string; cert?: string; key?: string }): Promise<{ status?: number; error?: string }> {
  const { hostname, port } = new URL(url.replace(/^tcp:/, "https:"));
  return new Promise((resolve) => {
    const req = https.get({ host: hostname, port, path: "/_ping", ...tls, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: `${e.code ?? ""} ${e.message}` }));
    req.on("timeout", () => req.destroy(new Error("timeout")));
  });
}

describe("the test bed's engines", () => {
  it("serve Mingle's client identity: each runs a container, gVisor where runsc is registered", async () => {
    const results = await Promise.all(
      engines.map(async ({ name, runtimes }) => {
        const engine = getEngine(name);
        const info = await engine.info();
        const id = await engine.createContainer({
          name: `mtls-${name}-${process.pid}`,
          Image: BASE_IMAGE,
          Cmd: ["echo", `hello from ${name}`],
          HostConfig: { NetworkMode: "none" },
        });
        try {
          await engine.startContainer(id);
          const code = await engine.waitContainer(id);
          return { name, code, logs: (await engine.logs(id)).trim(), runsc: info.runtimes.includes("runsc"), expected: runtimes.includes("runsc") };
        } finally {
          await engine.removeContainer(id);
        }
      }),
    );
    for (const r of results) expect(r).toEqual({ name: r.name, code: 0, logs: `hello from ${r.name}`, runsc: r.expected, expected: r.expected });
    expect(results.map((r) => r.runsc)).toEqual([true, true, false]);
  });

  it("refuse a client without a certificate: the TLS handshake fails", async () => {
    const { ca } = await mingleClientIdentity(hostsPkiDir());
    for (const { url } of engines) {
      const r = await ping(url, { ca });
      expect(r.status).toBeUndefined();
      expect(r.error).toMatch(REFUSED_CLIENT);
    }
  });

  it("refuse a client certificate from another CA", async () => {
    const { ca } = await mingleClientIdentity(hostsPkiDir());
    const foreign = await mingleClientIdentity(foreignDir);
    expect(foreign.ca).not.toBe(ca);
    for (const { url } of engines) {
      const r = await ping(url, { ca, cert: foreign.cert, key: foreign.key });
      expect(r.status).toBeUndefined();
      expect(r.error).toMatch(REFUSED_CLIENT);
    }
    // The control: the same request with Mingle's own identity is answered.
    const own = await tlsOptionsFor(engines[0]!.url);
    expect(await ping(engines[0]!.url, { ca: own.ca as string, cert: own.cert as string, key: own.key as string })).toEqual({ status: 200 });
  });
});

describe("Mingle", () => {
  it("refuses an engine whose server certificate comes from another CA", async () => {
    const foreignCa = await ensureCa(foreignDir);
    const keyPem = newRsaKeyPem();
    const signed = signHostCertificate(foreignCa, {
      publicKeyPem: createPublicKey(keyPem).export({ type: "spki", format: "pem" }).toString(),
      hostName: "impostor",
      ips: ["127.0.0.1"],
      dnsNames: [],
    });
    if (!signed.ok) throw new Error(signed.message);
    // An impostor that answers every request like dockerd would, with a certificate valid for its address.
    const server = https.createServer({ key: keyPem, cert: signed.value.certPem }, (_req, res) => res.end("OK"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const url = `tcp://127.0.0.1:${port}`;
      const options = await tlsOptionsFor(url);
      const r = await ping(url, { ca: options.ca as string, cert: options.cert as string, key: options.key as string });
      expect(r.error).toMatch(/^UNABLE_TO_VERIFY_LEAF_SIGNATURE /);
      // and through the engine client the registry would build:
      registerEngine("impostor", options);
      expect(await getEngine("impostor").ping()).toBe(false);
    } finally {
      server.close();
    }
  });
});

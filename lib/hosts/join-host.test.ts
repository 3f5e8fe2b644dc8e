import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { fail, ok } from "@/lib/errors";
import { createJoinToken } from "./create-join-token";
import { joinHost, type JoinHostDeps } from "./join-host";
import type { JoinedHost } from "./joined-host-port";
import { joinHostInput } from "./join-schema";
import type { JoinTokenRecord, JoinTokenRepo } from "./join-token-repo";
import { type Ca, ensureCa } from "./pki/ca";
import { renewHostCertificate } from "./renew-host-certificate";

let dir: string;
let ca: Ca;
let otherCa: Ca;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "mingle-join-"));
  [ca, otherCa] = await Promise.all([ensureCa(path.join(dir, "ours")), ensureCa(path.join(dir, "theirs"))]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryTokens(): JoinTokenRepo & { rows: Map<string, JoinTokenRecord & { tokenHash: string }> } {
  const rows = new Map<string, JoinTokenRecord & { tokenHash: string }>();
  return {
    rows,
    async create(data) {
      const row = { id: `t${rows.size + 1}`, tokenHash: data.tokenHash, hostName: data.hostName, expiresAt: data.expiresAt, usedAt: null };
      rows.set(row.id, row);
      return row;
    },
    findByHash: async (hash) => [...rows.values()].find((r) => r.tokenHash === hash) ?? null,
    async markUsed(id, at, hostName) {
      const row = rows.get(id)!;
      if (row.usedAt) return false;
      Object.assign(row, { usedAt: at, hostName });
      return true;
    },
    async release(id, hostName) {
      Object.assign(rows.get(id)!, { usedAt: null, hostName });
    },
  };
}

const keyPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
function csrOf(pem = keyPem): string {
  const key = forge.pki.privateKeyFromPem(pem);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject([{ name: "commonName", value: "host" }]);
  csr.sign(key, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

const organizer = { id: "u1", role: "ORGANIZER" };
let clock = new Date("2026-12-02T10:00:00Z");

function world(overrides: Partial<JoinHostDeps> = {}) {
  const tokens = memoryTokens();
  const joined: JoinedHost[] = [];
  const deps: JoinHostDeps = {
    tokens,
    ca: async () => ca,
    registerJoinedHost: async (host) => (joined.push(host), ok(undefined)),
    limiter: memoryLimiter({ max: 100, windowMs: 60_000 }),
    now: () => clock,
    ...overrides,
  };
  const newToken = async (input: { hostName?: string; expiresInMinutes?: number } = {}) => {
    const made = await createJoinToken({ tokens, caDigest: async () => ca.digest, publicUrl: "http://127.0.0.1:3000/", now: () => clock }, organizer, {
      expiresInMinutes: 60,
      ...input,
    });
    if (!made.ok) throw new Error(made.message);
    return made.value;
  };
  const join = (token: string, name = "lab-1", extra: Partial<{ engineUrl: string; csrPem: string }> = {}) =>
    joinHost(deps, joinHostInput.parse({ token, name, engineUrl: "tcp://127.0.0.3:2376", csrPem: csrOf(), ...extra }), "10.0.0.9");
  return { deps, tokens, joined, newToken, join };
}

describe("createJoinToken", () => {
  it("returns the token once, keeps only its hash, and says how to use it", async () => {
    const { tokens, newToken } = world();
    const made = await newToken({ hostName: "lab-1" });
    expect(made.token.startsWith(`MGLTKN-1-${ca.digest}-`)).toBe(true);
    expect(made.expiresAt).toBe("2026-12-02T11:00:00.000Z");
    expect(made.command).toBe(`bash scripts/lab-host.sh join http://127.0.0.1:3000 ${made.token} --name lab-1 --address ADDRESS`);
    const [row] = [...tokens.rows.values()];
    expect(JSON.stringify(row)).not.toContain(made.token.slice(-25));
  });

  it("is for organizers only", async () => {
    const r = await createJoinToken(
      { tokens: memoryTokens(), caDigest: async () => ca.digest, publicUrl: "http://x", now: () => clock },
      { id: "u2", role: "ATTENDEE" },
      { expiresInMinutes: 60 },
    );
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("joinHost", () => {
  it("signs the host's key for the address in its Engine URL, uses the token up, and hands the host to the registry", async () => {
    const { newToken, join, joined, tokens } = world();
    const { token } = await newToken();
    const r = await join(token);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.caPem).toBe(ca.certPem);
    const cert = new (await import("node:crypto")).X509Certificate(r.value.certPem);
    expect(cert.checkIP("127.0.0.3")).toBe("127.0.0.3");
    expect(cert.subject).toBe("CN=lab-1");
    expect(joined).toEqual([{ name: "lab-1", engineUrl: "tcp://127.0.0.3:2376", certNotAfter: new Date(r.value.notAfter) }]);
    expect([...tokens.rows.values()][0]).toMatchObject({ usedAt: clock, hostName: "lab-1" });
    expect(await join(token)).toMatchObject({ ok: false, code: "JOIN_TOKEN_USED" });
  });

  it("says clearly what is wrong with a token: malformed, from another Mingle, unknown, expired, for another host", async () => {
    const { newToken, join } = world();
    expect(await join("hello")).toMatchObject({ ok: false, code: "JOIN_TOKEN_MALFORMED", message: expect.stringMatching(/not a Mingle join token/) });
    const { makeJoinToken } = await import("./join-token");
    expect(await join(makeJoinToken(otherCa.digest))).toMatchObject({ ok: false, code: "JOIN_TOKEN_OTHER_CA" });
    expect(await join(makeJoinToken(ca.digest))).toMatchObject({ ok: false, code: "JOIN_TOKEN_UNKNOWN" });
    const expiring = await newToken({ expiresInMinutes: 5 });
    const named = await newToken({ hostName: "lab-7" });
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect(await join(expiring.token)).toMatchObject({ ok: false, code: "JOIN_TOKEN_EXPIRED", message: expect.stringMatching(/expired at 2026-12-02T10:05:00.000Z/) });
    expect(await join(named.token, "lab-8")).toMatchObject({ ok: false, code: "JOIN_HOST_NAME_MISMATCH", message: expect.stringMatching(/--name lab-7/) });
    expect((await join(named.token, "lab-7")).ok).toBe(true);
  });

  it("keeps the token when the CSR is bad, and gives it back when the registry refuses the host", async () => {
    let refuse = true;
    const { newToken, join } = world({ registerJoinedHost: async () => (refuse ? fail("HOST_NAME_TAKEN", "A host named lab-1 exists already.") : ok(undefined)) });
    const { token } = await newToken();
    expect(await join(token, "lab-1", { csrPem: "junk" })).toMatchObject({ ok: false, code: "CSR_INVALID" });
    expect(await join(token)).toMatchObject({ ok: false, code: "HOST_NAME_TAKEN" });
    refuse = false;
    expect((await join(token)).ok).toBe(true);
  });

  it("limits attempts per address", async () => {
    const { join } = world({ limiter: memoryLimiter({ max: 2, windowMs: 60_000 }) });
    await join("x");
    await join("x");
    expect(await join("x")).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });
});

describe("renewHostCertificate", () => {
  const renewDeps = { ca: async () => ca, hostCertificateRenewed: async () => ok(undefined), limiter: memoryLimiter({ max: 100, windowMs: 60_000 }), now: () => clock };

  it("renews a current host certificate for a CSR from the same key, with the same names", async () => {
    const { newToken, join } = world();
    const joined = await join((await newToken()).token);
    if (!joined.ok) throw new Error(joined.message);
    clock = new Date(clock.getTime() + 61 * 86_400_000);
    const r = await renewHostCertificate(renewDeps, { certPem: joined.value.certPem, csrPem: csrOf() }, "10.0.0.9");
    if (!r.ok) throw new Error(r.message);
    expect(r.value.name).toBe("lab-1");
    expect(new Date(r.value.notAfter).getTime()).toBeGreaterThan(new Date(joined.value.notAfter).getTime());
    const { X509Certificate } = await import("node:crypto");
    expect(new X509Certificate(r.value.certPem).checkIP("127.0.0.3")).toBe("127.0.0.3");
  });

  it("refuses another key, another CA's certificate, an expired one, and Mingle's client certificate", async () => {
    const { newToken, join } = world();
    const joined = await join((await newToken()).token);
    if (!joined.ok) throw new Error(joined.message);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    expect(await renewHostCertificate(renewDeps, { certPem: joined.value.certPem, csrPem: csrOf(otherKey) }, "a")).toMatchObject({ ok: false, code: "HOST_CERTIFICATE_INVALID" });
    expect(await renewHostCertificate({ ...renewDeps, ca: async () => otherCa }, { certPem: joined.value.certPem, csrPem: csrOf() }, "a")).toMatchObject({
      ok: false,
      code: "HOST_CERTIFICATE_INVALID",
    });
    expect(await renewHostCertificate(renewDeps, { certPem: "junk", csrPem: csrOf() }, "a")).toMatchObject({ ok: false, code: "HOST_CERTIFICATE_INVALID" });
    const { mingleClientIdentity } = await import("./pki/mingle-client-identity");
    const client = await mingleClientIdentity(path.join(dir, "ours"));
    expect(await renewHostCertificate(renewDeps, { certPem: client.cert, csrPem: csrOf(client.key) }, "a")).toMatchObject({ ok: false, code: "HOST_CERTIFICATE_INVALID" });
    const later = { ...renewDeps, now: () => new Date(clock.getTime() + 91 * 86_400_000) };
    expect(await renewHostCertificate(later, { certPem: joined.value.certPem, csrPem: csrOf() }, "a")).toMatchObject({
      ok: false,
      code: "HOST_CERTIFICATE_INVALID",
      message: expect.stringMatching(/expired/),
    });
  });
});

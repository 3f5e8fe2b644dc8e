import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ClientTls } from "./client-tls";
import { CLIENT_DAYS } from "./pki/mingle-client-identity";

const dir = mkdtempSync(path.join(tmpdir(), "mingle-client-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ClientTls", () => {
  it("has no material before its first refresh, then Mingle's identity; says changed only when the certificate renews", async () => {
    const tls = new ClientTls({ pkiDir: dir });
    expect(tls.tlsFor("tcp://127.0.0.2:2376")).toBeUndefined();
    const now = new Date("2026-12-02T12:00:00Z");
    expect(await tls.refresh(now)).toBe(true);
    const first = tls.tlsFor("tcp://127.0.0.2:2376")!;
    expect(String(first.cert)).toContain("BEGIN CERTIFICATE");
    expect(String(first.ca)).toContain("BEGIN CERTIFICATE");
    expect(await tls.refresh(new Date(now.getTime() + 86_400_000))).toBe(false);
    // With less than a third of its life left, the identity renews: a new certificate, a later expiry.
    const late = new Date(now.getTime() + (CLIENT_DAYS - 20) * 86_400_000);
    const before = tls.notAfter!;
    expect(await tls.refresh(late)).toBe(true);
    expect(String(tls.tlsFor("tcp://127.0.0.2:2376")!.cert)).not.toBe(String(first.cert));
    expect(tls.notAfter!.getTime()).toBeGreaterThan(before.getTime());
  });
});

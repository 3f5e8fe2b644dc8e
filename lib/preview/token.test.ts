import { describe, expect, it } from "vitest";
import { previewKey, signPreviewToken, verifyPreviewToken, type PreviewGrant } from "@/lib/preview/token";

const key = previewKey("a-test-secret-of-enough-length");
const grant: PreviewGrant = { labId: "l0123456789abcdef0123", port: 8080, userId: "u1", readOnly: false, expiresAt: 10_000, nonce: "n1" };

describe("preview tokens", () => {
  it("round-trips what it names: lab, port, user, read-only, expiry", () => {
    const r = verifyPreviewToken(key, signPreviewToken(key, grant), 9_999);
    expect(r).toEqual({ ok: true, value: grant });
  });

  it("refuses an expired token", () => {
    expect(verifyPreviewToken(key, signPreviewToken(key, grant), 10_000)).toMatchObject({ ok: false, code: "PREVIEW_EXPIRED" });
  });

  it("refuses a token signed with another secret, or changed", () => {
    const other = signPreviewToken(previewKey("another-secret-of-enough-length"), grant);
    expect(verifyPreviewToken(key, other, 0)).toMatchObject({ ok: false, code: "PREVIEW_TOKEN_INVALID" });
    const [v, , sig] = signPreviewToken(key, grant).split(".");
    const forged = Buffer.from(JSON.stringify([grant.labId, 8080, "someone-else", 0, 10_000, "n1"])).toString("base64url");
    expect(verifyPreviewToken(key, `${v}.${forged}.${sig}`, 0)).toMatchObject({ ok: false, code: "PREVIEW_TOKEN_INVALID" });
    for (const junk of ["", "v1", "v1..", "v1.x.y", "v2.a.b", "x".repeat(5000)]) expect(verifyPreviewToken(key, junk, 0).ok).toBe(false);
  });
});

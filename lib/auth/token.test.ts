import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./token";

const secret = "a-test-secret-of-sufficient-length-0123456789";

describe("decodeSessionToken", () => {
  it("reads what next-auth wrote, exactly as next-auth's own decode does", async () => {
    const token = await encode({ token: { uid: "u1", sub: "u1", name: "Ada" }, secret });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toEqual(await decode({ token, secret }));
    expect(ours?.uid).toBe("u1");
    // The second read uses the kept key.
    expect(await decodeSessionToken({ token, secret })).toEqual(ours);
  });

  it("keeps a key per salt", async () => {
    const token = await encode({ token: { uid: "u2" }, secret, salt: "next-auth.session-token" });
    expect((await decodeSessionToken({ token, secret, salt: "next-auth.session-token" }))?.uid).toBe("u2");
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow();
  });

  it("refuses a token sealed with another secret, an expired one, and nothing at all", async () => {
    const forged = await encode({ token: { uid: "u1" }, secret: "the-secret-in-the-repository-0123456789" });
    await expect(decodeSessionToken({ token: forged, secret })).rejects.toThrow();
    const expired = await encode({ token: { uid: "u1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});

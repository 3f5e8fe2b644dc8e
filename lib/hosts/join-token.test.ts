import { describe, expect, it } from "vitest";
import { hashJoinToken, JOIN_TOKEN_PREFIX, makeJoinToken, parseJoinToken } from "./join-token";

const DIGEST = "ab".repeat(32);

describe("join tokens", () => {
  it("have Swarm's shape with Mingle's prefix: MGLTKN-1-<CA digest>-<25 base36>", () => {
    const token = makeJoinToken(DIGEST);
    expect(token).toMatch(/^MGLTKN-1-[0-9a-f]{64}-[0-9a-z]{25}$/);
    expect(token.startsWith(`${JOIN_TOKEN_PREFIX}-${DIGEST}-`)).toBe(true);
    expect(makeJoinToken(DIGEST)).not.toBe(token);
  });

  it("carry the CA digest a joining machine pins, and 128 bits of secret (small ones padded)", () => {
    expect(parseJoinToken(makeJoinToken(DIGEST))?.caDigest).toBe(DIGEST);
    expect(parseJoinToken(makeJoinToken(DIGEST, Buffer.alloc(16)))?.secret).toBe("0".repeat(25));
    expect(parseJoinToken(makeJoinToken(DIGEST, Buffer.alloc(16, 0xff)))?.secret).toBe((2n ** 128n - 1n).toString(36));
    expect(parseJoinToken(`  ${makeJoinToken(DIGEST)}\n`)).not.toBeNull();
  });

  it("refuse anything else", () => {
    const token = makeJoinToken(DIGEST);
    for (const bad of [
      "",
      "SWMTKN-1-x-y",
      token.replace("MGLTKN-1", "SWMTKN-1"),
      token.slice(0, -1),
      `${token}0`,
      token.toUpperCase(),
      token.replace(/-([0-9a-z]{25})$/, "-$1".replace("$1", "A".repeat(25))),
    ]) {
      expect(parseJoinToken(bad)).toBeNull();
    }
    expect(() => makeJoinToken("not a digest")).toThrow();
  });

  it("are kept only as a sha256", () => {
    const token = makeJoinToken(DIGEST);
    expect(hashJoinToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashJoinToken(token)).not.toContain(parseJoinToken(token)!.secret);
    expect(hashJoinToken(` ${token} `)).toBe(hashJoinToken(token));
  });
});

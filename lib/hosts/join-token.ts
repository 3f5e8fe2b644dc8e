import { createHash, randomBytes } from "node:crypto";

/**
 * A join token has Swarm's shape, `MGLTKN-1-<CA digest>-<secret>`, with its own prefix so it is
 * never mistaken for (or pasted into) `docker swarm join`. The digest (sha256 of Mingle's CA
 * certificate, 64 hex) lets the joining machine check the CA it downloads before trusting it; the
 * secret (128 random bits, base36 like Swarm's) is the credential. Mingle keeps only the sha256 of
 * the whole token.
 */
export const JOIN_TOKEN_PREFIX = "MGLTKN-1";
const SECRET_LENGTH = 25;
const TOKEN = new RegExp(`^${JOIN_TOKEN_PREFIX}-([0-9a-f]{64})-([0-9a-z]{${SECRET_LENGTH}})$`);

export function makeJoinToken(caDigest: string, secret: Buffer = randomBytes(16)): string {
  if (!/^[0-9a-f]{64}$/.test(caDigest)) throw new Error("makeJoinToken: the CA digest is 64 lowercase hex digits");
  const base36 = BigInt(`0x${secret.toString("hex")}`)
    .toString(36)
    .padStart(SECRET_LENGTH, "0");
  return `${JOIN_TOKEN_PREFIX}-${caDigest}-${base36}`;
}

export function parseJoinToken(token: string): { caDigest: string; secret: string } | null {
  const m = TOKEN.exec(token.trim());
  return m ? { caDigest: m[1]!, secret: m[2]! } : null;
}

export function hashJoinToken(token: string): string {
  return createHash("sha256").update(token.trim()).digest("hex");
}

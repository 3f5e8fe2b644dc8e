import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { getToken, type JWTDecodeParams } from "next-auth/jwt";
import { env } from "@/lib/env";
import { authDeps } from "./deps";
import type { UserView } from "./schema";

export function parseCookies(header: string | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

const derivedKeys = new Map<string, Uint8Array>();

/**
 * next-auth's own decode (next-auth/jwt), with the key it derives from the secret kept: next-auth
 * runs HKDF on the thread pool for every cookie it reads (about 2% of a process's CPU under signed-in
 * calls that do nothing else, and a trip to the pool each time). The key is the same: SHA-256, the
 * secret, the salt and next-auth's info string.
 */
export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams) {
  if (!token) return null;
  const id = `${salt}\u0000${typeof secret === "string" ? secret : Buffer.from(secret).toString("base64")}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32));
    if (derivedKeys.size > 8) derivedKeys.clear();
    derivedKeys.set(id, key);
  }
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: 15 });
  return payload;
}

/**
 * The user behind a request's next-auth session cookie, for API calls and socket handshakes: the
 * JWT is decoded directly (getServerSession's full round costs several ms a call), then the user is
 * read back from the database so a deleted account or a changed role counts at once.
 */
export async function userFromCookies(cookieHeader: string | undefined | null): Promise<UserView | null> {
  const config = env();
  const token = await getToken({
    req: { headers: { cookie: cookieHeader ?? "" }, cookies: parseCookies(cookieHeader) } as never,
    secret: config.NEXTAUTH_SECRET,
    decode: decodeSessionToken,
    secureCookie: config.SECURE_COOKIES ?? config.PUBLIC_URL.startsWith("https://"),
  });
  return token?.uid ? authDeps().users.findById(token.uid) : null;
}

import { getToken } from "next-auth/jwt";
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
    secureCookie: config.SECURE_COOKIES ?? config.PUBLIC_URL.startsWith("https://"),
  });
  return token?.uid ? authDeps().users.findById(token.uid) : null;
}

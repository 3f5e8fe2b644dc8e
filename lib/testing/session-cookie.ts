import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";

/** A real next-auth session cookie for a user, as the browser would send it after signing in. */
export async function sessionCookie(userId: string, secret: string = env().NEXTAUTH_SECRET): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId }, secret });
  return `next-auth.session-token=${token}`;
}

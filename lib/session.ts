import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { userFromCookies } from "@/lib/auth/token";
import type { UserView } from "@/lib/auth/schema";

/**
 * The signed-in user, read back from the database so a deleted account or a changed role takes
 * effect at once rather than when the JWT expires. The session cookie is decoded as the API's
 * endpoint() does (next-auth's getServerSession runs its whole session round for the same
 * answer), and once per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<UserView | null> => userFromCookies((await cookies()).toString()));

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<UserView> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireOrganizer(returnTo: string): Promise<UserView> {
  const user = await requireUser(returnTo);
  if (user.role !== "ORGANIZER") redirect("/?denied=organizer");
  return user;
}

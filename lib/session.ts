import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { authDeps } from "@/lib/auth/deps";
import type { UserView } from "@/lib/auth/schema";

/**
 * The signed-in user, read back from the database so a deleted account or a changed role takes
 * effect at once rather than when the JWT expires.
 */
export async function getCurrentUser(): Promise<UserView | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return authDeps().users.findById(id);
}

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

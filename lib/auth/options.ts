import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { clientAddress } from "@/lib/client-address";
import { outageMessage, outageOf } from "@/lib/dependency-outage";
import { env, githubEnabled } from "@/lib/env";
import { authDeps } from "./deps";
import { signInInput } from "./schema";
import { verifyCredentials } from "./service";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: "ATTENDEE" | "ORGANIZER" };
  }
  interface User {
    role?: "ATTENDEE" | "ORGANIZER";
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: "ATTENDEE" | "ORGANIZER";
  }
}

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("Enter your e-mail and password.");
          const result = await verifyCredentials(authDeps(), parsed.data, clientAddress(req?.headers?.["x-forwarded-for"], req?.headers?.["x-real-ip"])).catch((error: unknown) => {
            // The sign-in form shows this message: an outage (the throttle's Redis, the database) says so, in words.
            const outage = outageOf(error);
            throw outage ? new Error(outageMessage(outage)) : error;
          });
          if (!result.ok) throw new Error(result.message);
          return result.value;
        },
      }),
      ...(githubEnabled(e) ? [GitHubProvider({ clientId: e.GITHUB_ID!, clientSecret: e.GITHUB_SECRET! })] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "github") return true;
        const email = user.email ?? (profile as { email?: string } | undefined)?.email;
        if (!email) return "/signin?error=GitHubNoEmail";
        const linked = await authDeps().users.upsertOAuth({
          email: email.toLowerCase(),
          name: user.name ?? email.split("@")[0]!,
          provider: "github",
          providerAccountId: account.providerAccountId,
          image: user.image,
        });
        user.id = linked.id;
        user.role = linked.role;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role ?? "ATTENDEE";
        }
        return token;
      },
      async session({ session, token }) {
        if (token.uid) {
          session.user = { id: token.uid, name: token.name ?? "", email: token.email ?? "", role: token.role ?? "ATTENDEE" };
        }
        return session;
      },
    },
  };
}

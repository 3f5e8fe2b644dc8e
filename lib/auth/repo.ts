import type { Db } from "@/lib/db";
import type { UserView } from "./schema";

const userSelect = { id: true, email: true, name: true, role: true } as const;

export interface UserRepo {
  findByEmail(email: string): Promise<(UserView & { passwordHash: string | null }) | null>;
  findById(id: string): Promise<UserView | null>;
  /** Creates the user and an empty profile together; returns null when the e-mail is taken. */
  create(input: { email: string; name: string; passwordHash: string | null }): Promise<UserView | null>;
  upsertOAuth(input: { email: string; name: string; provider: string; providerAccountId: string; image?: string | null }): Promise<UserView>;
}

export function userRepo(db: Db): UserRepo {
  return {
    findByEmail: (email) => db.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } }),
    findById: (id) => db.user.findUnique({ where: { id }, select: userSelect }),
    async create({ email, name, passwordHash }) {
      try {
        return await db.user.create({
          data: { email, name, passwordHash, profile: { create: {} } },
          select: userSelect,
        });
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") return null;
        throw error;
      }
    },
    async upsertOAuth({ email, name, provider, providerAccountId, image }) {
      const linked = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: userSelect } },
      });
      if (linked) return linked.user;
      return db.user.upsert({
        where: { email },
        create: { email, name, image, profile: { create: {} }, accounts: { create: { type: "oauth", provider, providerAccountId } } },
        update: { accounts: { create: { type: "oauth", provider, providerAccountId } } },
        select: userSelect,
      });
    },
  };
}

import type { Db } from "@/lib/db";

export interface JoinTokenRecord {
  id: string;
  hostName: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface JoinTokenRepo {
  create(data: { tokenHash: string; createdById: string; hostName: string | null; createdAt: Date; expiresAt: Date }): Promise<JoinTokenRecord>;
  findByHash(tokenHash: string): Promise<JoinTokenRecord | null>;
  /** Marks the token used unless it already is: false when another join used it first. */
  markUsed(id: string, at: Date, hostName: string): Promise<boolean>;
  /** Gives a used token back, with the host name it had (the host could not be registered after all). */
  release(id: string, hostName: string | null): Promise<void>;
}

const select = { id: true, hostName: true, expiresAt: true, usedAt: true } as const;

export function joinTokenRepo(db: Db): JoinTokenRepo {
  return {
    create: (data) => db.hostJoinToken.create({ data, select }),
    findByHash: (tokenHash) => db.hostJoinToken.findUnique({ where: { tokenHash }, select }),
    async markUsed(id, at, hostName) {
      const { count } = await db.hostJoinToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: at, hostName } });
      return count === 1;
    },
    async release(id, hostName) {
      await db.hostJoinToken.update({ where: { id }, data: { usedAt: null, hostName }, select: { id: true } });
    },
  };
}

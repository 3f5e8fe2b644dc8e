import { CONNECTING_STATUSES } from "@/lib/booking/contact-visibility";
import type { Db } from "@/lib/db";
import type { ProfileRecord } from "./rules";

const select = {
  id: true,
  name: true,
  email: true,
  profile: { select: { headline: true, company: true, bio: true, timeZone: true, visibility: true, offerTags: true, seekTags: true } },
} as const;

export interface ProfileRepo {
  find(userId: string): Promise<ProfileRecord | null>;
  update(userId: string, data: Partial<Omit<ProfileRecord, "userId" | "email">>): Promise<ProfileRecord>;
}

type Row = { id: string; name: string; email: string; profile: Omit<ProfileRecord, "userId" | "name" | "email"> | null };

function toRecord(row: Row): ProfileRecord {
  const p = row.profile ?? { headline: "", company: "", bio: "", timeZone: "UTC", visibility: "FULL" as const, offerTags: [], seekTags: [] };
  return { userId: row.id, name: row.name, email: row.email, ...p };
}

export function profileRepo(db: Db): ProfileRepo {
  return {
    async find(userId) {
      const row = await db.user.findUnique({ where: { id: userId }, select });
      return row ? toRecord(row) : null;
    },
    async update(userId, { name, ...profile }) {
      const row = await db.user.update({
        where: { id: userId },
        data: { name, profile: { upsert: { create: profile, update: profile } } },
        select,
      });
      return toRecord(row);
    },
  };
}

/** True when the two people share a session that connects them (lib/booking/contact-visibility.ts): then they see each other's full profile. */
export function sessionsConnected(db: Db): (a: string, b: string) => Promise<boolean> {
  return async (a, b) => {
    const shared = await db.mingleSession.findFirst({
      where: {
        status: { in: [...CONNECTING_STATUSES] },
        OR: [
          { requesterId: a, expertId: b },
          { requesterId: b, expertId: a },
        ],
      },
      select: { id: true },
    });
    return shared !== null;
  };
}

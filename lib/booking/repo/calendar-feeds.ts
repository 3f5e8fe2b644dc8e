import type { Db } from "@/lib/db";

export interface FeedRow {
  token: string;
  createdAt: Date;
}

/** Each person's secret calendar feed token. */
export interface CalendarFeedRepo {
  feedOf(userId: string): Promise<FeedRow | null>;
  setFeed(userId: string, token: string, now: Date): Promise<FeedRow>;
  revokeFeed(userId: string): Promise<void>;
  feedOwner(token: string): Promise<{ userId: string; name: string } | null>;
}

export function calendarFeedRepo(db: Db): CalendarFeedRepo {
  return {
    async feedOf(userId) {
      return db.calendarFeed.findUnique({ where: { userId }, select: { token: true, createdAt: true } });
    },

    async setFeed(userId, token, now) {
      return db.calendarFeed.upsert({
        where: { userId },
        create: { userId, token, createdAt: now },
        update: { token, createdAt: now },
        select: { token: true, createdAt: true },
      });
    },

    async revokeFeed(userId) {
      await db.calendarFeed.deleteMany({ where: { userId } });
    },

    async feedOwner(token) {
      const f = await db.calendarFeed.findUnique({ where: { token }, select: { userId: true, user: { select: { name: true } } } });
      return f ? { userId: f.userId, name: f.user.name } : null;
    },
  };
}

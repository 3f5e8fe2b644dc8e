import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/db";
import type { NotificationView } from "./schema";

const select = { id: true, kind: true, title: true, body: true, link: true, sessionId: true, readAt: true, createdAt: true } as const;

type Row = { id: string; kind: string; title: string; body: string; link: string | null; sessionId: string | null; readAt: Date | null; createdAt: Date };

function toView(r: Row): NotificationView {
  return { ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() };
}

export interface NewNotificationRow {
  kind: string;
  title: string;
  body: string;
  link?: string;
  sessionId?: string;
  dedupeKey?: string;
}

export interface NotificationRepo {
  /** null when the dedupe key was used before (nothing stored). */
  create(userId: string, n: NewNotificationRow): Promise<NotificationView | null>;
  /** Newest first; `cursor` is the id of the last item of the previous page. */
  list(userId: string, opts: { cursor?: string; limit: number; unreadOnly?: boolean }): Promise<NotificationView[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the user's own unread notifications among `ids`; returns the ids it changed. */
  markRead(userId: string, ids: string[], at: Date): Promise<string[]>;
  markAllRead(userId: string, at: Date): Promise<number>;
}

export function notificationRepo(db: Db): NotificationRepo {
  return {
    async create(userId, n) {
      try {
        return toView(await db.notification.create({ data: { userId, ...n }, select }));
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
        throw error;
      }
    },
    async list(userId, { cursor, limit, unreadOnly }) {
      const rows = await db.notification.findMany({
        where: { userId, ...(unreadOnly ? { readAt: null } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select,
      });
      return rows.map(toView);
    },
    unreadCount(userId) {
      return db.notification.count({ where: { userId, readAt: null } });
    },
    async markRead(userId, ids, at) {
      const rows = await db.notification.findMany({ where: { userId, id: { in: ids }, readAt: null }, select: { id: true } });
      if (rows.length === 0) return [];
      await db.notification.updateMany({ where: { userId, id: { in: rows.map((r) => r.id) }, readAt: null }, data: { readAt: at } });
      return rows.map((r) => r.id);
    },
    async markAllRead(userId, at) {
      const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: at } });
      return count;
    },
  };
}

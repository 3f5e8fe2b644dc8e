import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
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
  /** The stored notification and the user's unread count with it; null when the dedupe key was used before (nothing stored). */
  create(userId: string, n: NewNotificationRow): Promise<{ notification: NotificationView; unread: number } | null>;
  /** Newest first; `cursor` is the id of the last item of the previous page. */
  list(userId: string, opts: { cursor?: string; limit: number; unreadOnly?: boolean }): Promise<NotificationView[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the user's own unread notifications among `ids`; returns the ids it changed. */
  markRead(userId: string, ids: string[], at: Date): Promise<string[]>;
  markAllRead(userId: string, at: Date): Promise<number>;
}

export function notificationRepo(db: Db): NotificationRepo {
  return {
    // One statement for the row and the badge's count (every booking change notifies someone). The
    // count's snapshot is from before the insert, hence + 1; a used dedupe key inserts nothing.
    async create(userId, n) {
      const [row] = await db.$queryRaw<Array<Row & { unread: number }>>`
        WITH stored AS (
          INSERT INTO "Notification" ("id", "userId", "kind", "title", "body", "link", "sessionId", "dedupeKey")
          VALUES (${randomUUID()}, ${userId}, ${n.kind}, ${n.title}, ${n.body}, ${n.link ?? null}, ${n.sessionId ?? null}, ${n.dedupeKey ?? null})
          ON CONFLICT ("dedupeKey") DO NOTHING
          RETURNING "id", "kind", "title", "body", "link", "sessionId", "readAt", "createdAt"
        )
        SELECT stored.*, (SELECT count(*) FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL)::int + 1 AS "unread" FROM stored`;
      if (!row) return null;
      const { unread, ...stored } = row;
      return { notification: toView(stored), unread };
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

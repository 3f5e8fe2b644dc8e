import type { UserView } from "@/lib/auth/schema";
import { ok, type Result } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { NotificationRepo } from "./repo";
import {
  newNotification,
  type InboxPage,
  type InboxQuery,
  type MarkReadInput,
  type NewNotification,
  type NotificationNewPayload,
  type NotificationReadPayload,
  type NotificationView,
} from "./schema";

export type { NewNotification } from "./schema";

/** What the booking backend (and any other slice) depends on to tell someone something. */
export interface Notifier {
  notify(userId: string, n: NewNotification): Promise<void>;
}

export type NotificationEvents = {
  "notification:new": NotificationNewPayload;
  "notification:read": NotificationReadPayload;
};

export interface NotificationDeps {
  notifications: NotificationRepo;
  /** Emits to every open tab and device of the user (socket.io room `user:<id>`). */
  emit: <E extends keyof NotificationEvents>(userId: string, event: E, payload: NotificationEvents[E]) => void;
  now: () => Date;
}

/**
 * Stores a notification and pushes it to the user's open tabs with the new unread count.
 * With a dedupeKey it is at most once: the second call stores and sends nothing (returns null).
 * Callers are our own code, so a malformed notification is a bug and throws.
 */
export async function createNotification(deps: NotificationDeps, userId: string, input: NewNotification): Promise<NotificationView | null> {
  const n = newNotification.parse(input);
  const created = await deps.notifications.create(userId, n);
  if (!created) {
    logger.debug("notifications.deduped", { userId, kind: n.kind, dedupeKey: n.dedupeKey });
    return null;
  }
  const { notification: stored, unread } = created;
  deps.emit(userId, "notification:new", { notification: stored, unread });
  logger.info("notifications.created", { userId, kind: n.kind, id: stored.id });
  return stored;
}

/** The Notifier the booking backend takes; delivery failures are logged, never break the caller's use case. */
export function notifier(deps: NotificationDeps): Notifier {
  return {
    async notify(userId, n) {
      try {
        await createNotification(deps, userId, n);
      } catch (error) {
        logger.error("notifications.failed", { userId, kind: n.kind, error: (error as Error).message });
      }
    },
  };
}

export async function listInbox(deps: NotificationDeps, user: UserView, query: InboxQuery): Promise<Result<InboxPage>> {
  const rows = await deps.notifications.list(user.id, { cursor: query.cursor, limit: query.limit + 1, unreadOnly: query.unreadOnly });
  const items = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? items[items.length - 1]!.id : null;
  return ok({ items, nextCursor, unread: await deps.notifications.unreadCount(user.id) });
}

export async function unreadCount(deps: NotificationDeps, user: UserView): Promise<Result<{ unread: number }>> {
  return ok({ unread: await deps.notifications.unreadCount(user.id) });
}

/**
 * Marks some or all as read and tells the user's other tabs, so every badge agrees. Ids that are
 * not the user's (or already read) are ignored rather than reported: the end state is the same.
 */
export async function markRead(deps: NotificationDeps, user: UserView, input: MarkReadInput): Promise<Result<{ marked: number; unread: number }>> {
  const at = deps.now();
  let marked: number;
  let ids: string[] | "all";
  if ("all" in input) {
    marked = await deps.notifications.markAllRead(user.id, at);
    ids = "all";
  } else {
    ids = await deps.notifications.markRead(user.id, [...new Set(input.ids)], at);
    marked = ids.length;
  }
  const unread = await deps.notifications.unreadCount(user.id);
  if (marked > 0) deps.emit(user.id, "notification:read", { ids, unread });
  return ok({ marked, unread });
}

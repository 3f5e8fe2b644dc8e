import { z } from "zod";
import { multiLine, singleLine } from "@/lib/text-input";

/** Kinds the booking flow sends; other slices may add their own SCREAMING_SNAKE kinds. */
export const NOTIFICATION_KINDS = [
  "REQUEST_NEW",
  "REQUEST_ACCEPTED",
  "REQUEST_DECLINED",
  "TIME_PROPOSED",
  "SESSION_CANCELLED",
  "SESSION_SOON",
  "TABLE_CHANGED",
  "ANNOUNCEMENT",
] as const;

/** An in-app link: a path on this site, never another origin (no "//host", no "javascript:"). */
export const appLink = singleLine("The link")
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, "A link is a path on this site, like /sessions/abc.");

export const newNotification = z.strictObject({
  kind: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "kind is SCREAMING_SNAKE, e.g. REQUEST_NEW."),
  title: singleLine("The title").min(1).max(140),
  body: multiLine("The body").max(1000).default(""),
  link: appLink.optional(),
  sessionId: z.string().max(64).optional(),
  /** Same key twice → stored and delivered once (e.g. `soon:<sessionId>:<userId>`). */
  dedupeKey: z.string().min(1).max(200).optional(),
});
export type NewNotification = z.input<typeof newNotification>;

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  sessionId: z.string().nullable(),
  readAt: z.string().nullable().describe("ISO instant, null while unread"),
  createdAt: z.string().describe("ISO instant"),
});
export type NotificationView = z.infer<typeof notificationView>;

export const unreadView = z.object({ unread: z.number().int().min(0) });

export const inboxQuery = z.strictObject({
  cursor: singleLine("cursor").max(64).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  unreadOnly: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
export type InboxQuery = z.output<typeof inboxQuery>;

export const inboxPage = z.object({
  items: z.array(notificationView),
  nextCursor: z.string().nullable(),
  unread: z.number().int().min(0),
});
export type InboxPage = z.infer<typeof inboxPage>;

export const markRead = z.union(
  [
    z.strictObject({ ids: z.array(singleLine("An id").min(1).max(64)).min(1, "Give at least one id.").max(200, "At most 200 ids at once.") }),
    z.strictObject({ all: z.literal(true) }),
  ],
  { error: 'Send {"ids": [...]} or {"all": true}.' },
);
export type MarkReadInput = z.infer<typeof markRead>;

export const markReadResult = z.object({ marked: z.number().int().min(0), unread: z.number().int().min(0) });

/** Socket payloads (server → client), shared with lib/realtime/events.ts. */
export interface NotificationNewPayload {
  notification: NotificationView;
  unread: number;
}
export interface NotificationReadPayload {
  ids: string[] | "all";
  unread: number;
}

import { defineOperation } from "@/lib/api/operation";
import { inboxPage, inboxQuery, markRead, markReadResult, unreadView } from "./schema";

export const notificationOperations = {
  list: defineOperation({
    id: "listNotifications",
    method: "GET",
    path: "/api/v1/notifications",
    summary: "Your inbox, newest first, a page at a time (pass nextCursor as cursor)",
    tag: "Notifications",
    access: "user",
    query: inboxQuery,
    response: inboxPage,
  }),
  unreadCount: defineOperation({
    id: "countUnreadNotifications",
    method: "GET",
    path: "/api/v1/notifications/unread-count",
    summary: "How many notifications you have not read",
    tag: "Notifications",
    access: "user",
    response: unreadView,
  }),
  markRead: defineOperation({
    id: "markNotificationsRead",
    method: "POST",
    path: "/api/v1/notifications/read",
    summary: "Mark some ({ids}) or all ({all:true}) notifications read; every open tab hears notification:read",
    tag: "Notifications",
    access: "user",
    body: markRead,
    response: markReadResult,
    errors: ["INVALID_JSON", "VALIDATION_FAILED"],
  }),
};

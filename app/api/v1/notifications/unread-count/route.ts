import { endpoint } from "@/lib/api/handler";
import { notificationOperations } from "@/lib/notifications/api";
import { notificationDeps } from "@/lib/notifications/deps";
import { unreadCount } from "@/lib/notifications/service";

export const GET = endpoint(notificationOperations.unreadCount, ({ user }) => unreadCount(notificationDeps(), user));

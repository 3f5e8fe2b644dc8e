import { endpoint } from "@/lib/api/handler";
import { notificationOperations } from "@/lib/notifications/api";
import { notificationDeps } from "@/lib/notifications/deps";
import { markRead } from "@/lib/notifications/service";

export const POST = endpoint(notificationOperations.markRead, ({ user, body }) => markRead(notificationDeps(), user, body));

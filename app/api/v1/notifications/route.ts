import { endpoint } from "@/lib/api/handler";
import { notificationOperations } from "@/lib/notifications/api";
import { notificationDeps } from "@/lib/notifications/deps";
import { listInbox } from "@/lib/notifications/service";

export const GET = endpoint(notificationOperations.list, ({ user, query }) => listInbox(notificationDeps(), user, query));

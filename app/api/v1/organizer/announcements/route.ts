import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { sendAnnouncement } from "@/lib/organizer/service";

export const POST = endpoint(ops.announce, ({ user, body }) => sendAnnouncement(organizerDeps(), user, body));

import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { setHours } from "@/lib/organizer/service";

export const PUT = endpoint(ops.setHours, ({ user, body }) => setHours(organizerDeps(), user, body));

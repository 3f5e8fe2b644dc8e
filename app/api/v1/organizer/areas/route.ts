import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { createArea } from "@/lib/organizer/service";

export const POST = endpoint(ops.createArea, ({ user, body }) => createArea(organizerDeps(), user, body));

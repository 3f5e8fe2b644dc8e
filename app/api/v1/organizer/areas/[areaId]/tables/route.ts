import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { createTable } from "@/lib/organizer/service";

export const POST = endpoint(ops.createTable, ({ user, params, body }) => createTable(organizerDeps(), user, params.areaId, body));

import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { deleteTable, updateTable } from "@/lib/organizer/service";

export const PATCH = endpoint(ops.updateTable, ({ user, params, body }) => updateTable(organizerDeps(), user, params.tableId, body));
export const DELETE = endpoint(ops.deleteTable, ({ user, params }) => deleteTable(organizerDeps(), user, params.tableId));

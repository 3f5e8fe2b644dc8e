import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { deleteArea, updateArea } from "@/lib/organizer/service";

export const PATCH = endpoint(ops.updateArea, ({ user, params, body }) => updateArea(organizerDeps(), user, params.areaId, body));
export const DELETE = endpoint(ops.deleteArea, ({ user, params }) => deleteArea(organizerDeps(), user, params.areaId));

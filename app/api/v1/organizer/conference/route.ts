import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { getSetup, updateConference } from "@/lib/organizer/service";

export const GET = endpoint(ops.getSetup, () => getSetup(organizerDeps()));
export const PUT = endpoint(ops.updateConference, ({ user, body }) => updateConference(organizerDeps(), user, body));

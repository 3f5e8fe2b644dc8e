import { endpoint } from "@/lib/api/handler";
import { organizerOperations as ops } from "@/lib/organizer/api";
import { organizerDeps } from "@/lib/organizer/deps";
import { generateConferenceSlots } from "@/lib/organizer/service";

export const POST = endpoint(ops.generateSlots, ({ user }) => generateConferenceSlots(organizerDeps(), user));

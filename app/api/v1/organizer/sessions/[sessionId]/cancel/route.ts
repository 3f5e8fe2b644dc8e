import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { organizerCancel } from "@/lib/booking/organizer-cancel";

export const POST = endpoint(bookingOperations.organizerCancel, ({ user, params, body }) => organizerCancel(bookingDeps(), user, params.sessionId, body));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { reschedule } from "@/lib/booking/reschedule-session";

export const POST = endpoint(bookingOperations.reschedule, ({ user, params, body }) => reschedule(bookingDeps(), user, params.sessionId, body));

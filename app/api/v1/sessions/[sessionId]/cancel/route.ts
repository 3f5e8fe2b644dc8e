import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { cancel } from "@/lib/booking/cancel-session";

export const POST = endpoint(bookingOperations.cancel, ({ user, params, body }) => cancel(bookingDeps(), user, params.sessionId, body));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { respond } from "@/lib/booking/respond-to-request";

export const POST = endpoint(bookingOperations.respond, ({ user, params, body }) => respond(bookingDeps(), user, params.sessionId, body));

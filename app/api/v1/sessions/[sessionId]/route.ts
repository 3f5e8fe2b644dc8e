import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { getSession } from "@/lib/booking/list-sessions";

export const GET = endpoint(bookingOperations.get, ({ user, params, query }) => getSession(bookingDeps(), user, params.sessionId, query.tz));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { getSessionHistory } from "@/lib/booking/session-history";

export const GET = endpoint(bookingOperations.history, ({ user, params, query }) => getSessionHistory(bookingDeps(), user, params.sessionId, query.tz));

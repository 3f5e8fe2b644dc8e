import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { listConferenceSessions } from "@/lib/booking/list-sessions";

export const GET = endpoint(bookingOperations.organizerSessions, ({ user, query }) => listConferenceSessions(bookingDeps(), user, query));

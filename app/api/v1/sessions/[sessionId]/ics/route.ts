import { endpoint } from "@/lib/api/handler";
import { bookingOperations, calendarResponse } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { sessionIcs } from "@/lib/booking/session-ics";

export const GET = endpoint(bookingOperations.sessionIcs, ({ user, params }) => calendarResponse(sessionIcs(bookingDeps(), user, params.sessionId)));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { sessionIcs } from "@/lib/booking/service";

export const GET = endpoint(bookingOperations.sessionIcs, ({ user, params }) => sessionIcs(bookingDeps(), user, params.sessionId));

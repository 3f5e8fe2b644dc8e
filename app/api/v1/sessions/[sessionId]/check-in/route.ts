import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { checkIn } from "@/lib/booking/check-in";

export const POST = endpoint(bookingOperations.checkIn, ({ user, params }) => checkIn(bookingDeps(), user, params.sessionId));

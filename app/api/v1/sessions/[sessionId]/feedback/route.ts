import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { saveFeedback } from "@/lib/booking/save-feedback";

export const POST = endpoint(bookingOperations.feedback, ({ user, params, body }) => saveFeedback(bookingDeps(), user, params.sessionId, body));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { organizerReassignTable } from "@/lib/booking/organizer-reassign-table";

export const POST = endpoint(bookingOperations.organizerReassignTable, ({ user, params, body }) => organizerReassignTable(bookingDeps(), user, params.sessionId, body));

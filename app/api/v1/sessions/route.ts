import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { listMySessions } from "@/lib/booking/list-sessions";
import { requestSession } from "@/lib/booking/request-session";

export const POST = endpoint(bookingOperations.request, ({ user, body }) => requestSession(bookingDeps(), user, body));
export const GET = endpoint(bookingOperations.listMine, ({ user, query }) => listMySessions(bookingDeps(), user, query));

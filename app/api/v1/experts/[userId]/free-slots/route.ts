import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { listFreeSlots } from "@/lib/booking/list-slots";

export const GET = endpoint(bookingOperations.listFreeSlots, ({ params, query }) => listFreeSlots(bookingDeps(), params.userId, query));

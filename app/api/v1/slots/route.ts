import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { listSlots } from "@/lib/booking/list-slots";

export const GET = endpoint(bookingOperations.listSlots, ({ query }) => listSlots(bookingDeps(), query));

import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { feedIcs } from "@/lib/booking/service";

export const GET = endpoint(bookingOperations.feed, ({ params }) => feedIcs(bookingDeps(), params.token));

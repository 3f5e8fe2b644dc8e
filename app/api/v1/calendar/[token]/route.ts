import { endpoint } from "@/lib/api/handler";
import { bookingOperations, calendarResponse } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { feedIcs } from "@/lib/booking/calendar-feed";

export const GET = endpoint(bookingOperations.feed, ({ params }) => calendarResponse(feedIcs(bookingDeps(), params.token)));

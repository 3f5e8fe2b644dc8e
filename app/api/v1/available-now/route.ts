import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { availableNow } from "@/lib/booking/available-now";

export const GET = endpoint(bookingOperations.availableNow, ({ user }) => availableNow(bookingDeps(), user));

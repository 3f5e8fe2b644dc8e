import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { getAvailability } from "@/lib/booking/get-availability";
import { setAvailability } from "@/lib/booking/set-availability";

export const GET = endpoint(bookingOperations.getMyAvailability, ({ user }) => getAvailability(bookingDeps(), user));
export const PUT = endpoint(bookingOperations.setMyAvailability, ({ user, body }) => setAvailability(bookingDeps(), user, body));

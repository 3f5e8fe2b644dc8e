import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { openLab } from "@/lib/booking/open-session-lab";

export const POST = endpoint(bookingOperations.openLab, ({ user, params }) => openLab(bookingDeps(), user, params.sessionId));

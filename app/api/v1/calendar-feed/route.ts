import { endpoint } from "@/lib/api/handler";
import { bookingOperations } from "@/lib/booking/api";
import { bookingDeps } from "@/lib/booking/deps";
import { getFeed, revokeFeed, rotateFeed } from "@/lib/booking/calendar-feed";

export const GET = endpoint(bookingOperations.getFeed, ({ user }) => getFeed(bookingDeps(), user));
export const POST = endpoint(bookingOperations.rotateFeed, ({ user }) => rotateFeed(bookingDeps(), user));
export const DELETE = endpoint(bookingOperations.revokeFeed, ({ user }) => revokeFeed(bookingDeps(), user));

import { authOperations } from "@/lib/auth/api";
import { bookingOperations } from "@/lib/booking/api";
import { conferenceOperations } from "@/lib/conference/api";
import { healthOperations } from "@/lib/health/api";
import { notificationOperations } from "@/lib/notifications/api";
import { organizerOperations } from "@/lib/organizer/api";
import { labOperations } from "@/lib/labs/api";
import { offerOperations } from "@/lib/offers/api";
import { profileOperations } from "@/lib/profiles/api";
import type { Operation } from "./operation";

/** Every API operation; the OpenAPI document is generated from this list. Add a slice's table here. */
export const ALL_OPERATIONS: Operation[] = [
  ...Object.values(healthOperations),
  ...Object.values(authOperations),
  ...Object.values(conferenceOperations),
  ...Object.values(profileOperations),
  ...Object.values(offerOperations),
  ...Object.values(labOperations),
  ...Object.values(bookingOperations),
  ...Object.values(notificationOperations),
  ...Object.values(organizerOperations),
];

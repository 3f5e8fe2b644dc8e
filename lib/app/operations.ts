import { analyticsOperations } from "@/lib/analytics/api";
import { authOperations } from "@/lib/auth/api";
import { bookingOperations } from "@/lib/booking/api";
import { conferenceOperations } from "@/lib/conference/api";
import { healthOperations } from "@/lib/health/api";
import { hostOperations } from "@/lib/hosts/api";
import { hostJoinOperations } from "@/lib/hosts/join-api";
import { notificationOperations } from "@/lib/notifications/api";
import { organizerOperations } from "@/lib/organizer/api";
import { labOperations } from "@/lib/labs/api";
import { workspaceOperations } from "@/lib/labs/workspace-api";
import { offerOperations } from "@/lib/offers/api";
import { previewOperations } from "@/lib/preview/api";
import { profileOperations } from "@/lib/profiles/api";
import { recapOperations } from "@/lib/recap/api";
import { templateOperations } from "@/lib/templates/api";
import { recordingOperations } from "@/lib/recordings/api";
import type { Operation } from "@/lib/api/operation";

/**
 * Every API operation; the OpenAPI document is generated from this list. Add a slice's table here:
 * this composition root, not lib/api, is where the slices meet.
 */
export const ALL_OPERATIONS: Operation[] = [
  ...Object.values(healthOperations),
  ...Object.values(authOperations),
  ...Object.values(conferenceOperations),
  ...Object.values(profileOperations),
  ...Object.values(offerOperations),
  ...Object.values(labOperations),
  ...Object.values(workspaceOperations),
  ...Object.values(bookingOperations),
  ...Object.values(notificationOperations),
  ...Object.values(organizerOperations),
  ...Object.values(hostOperations),
  ...Object.values(hostJoinOperations),
  ...Object.values(analyticsOperations),
  ...Object.values(recapOperations),
  ...Object.values(previewOperations),
  ...Object.values(templateOperations),
  ...Object.values(recordingOperations),
];

import type { UserView } from "@/lib/auth/schema";
import { acceptRequest } from "./accept-request";
import { declineRequest } from "./decline-request";
import type { BookingDeps, BookingResult } from "./ports";
import { proposeTime } from "./propose-time";
import type { RespondInput, SessionView } from "./schema";

/** The API's one "respond" operation: accept, decline or propose, each its own use case. */
export function respond(deps: BookingDeps, user: UserView, sessionId: string, input: RespondInput, viewerTz?: string): BookingResult<SessionView> {
  switch (input.action) {
    case "accept":
      return acceptRequest(deps, user, sessionId, viewerTz);
    case "decline":
      return declineRequest(deps, user, sessionId, input, viewerTz);
    case "propose":
      return proposeTime(deps, user, sessionId, input, viewerTz);
  }
}

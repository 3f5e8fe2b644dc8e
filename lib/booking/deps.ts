import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { labUseCaseDeps } from "@/lib/labs/deps";
import { launchSessionLab } from "@/lib/labs/launch-session-lab";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import { logger } from "@/lib/log";
import { defaultNotifier } from "@/lib/notifications/deps";
import { emitToUser } from "@/lib/realtime/server";
import { sharedBroadcast } from "@/lib/realtime/shared-broadcast";
import { remember } from "@/lib/singleton";
import { bookingRepo } from "./repo";
import { SharedView } from "./shared-view";
import type { BookingDeps, LabLauncher } from "./ports";

/** How long a session's lab outlives its slot, so a good conversation can finish the exercise. */
const LAB_GRACE_MINUTES = 15;

/** The lab of a session, through the labs slice's one front door (same checks as the Labs page). */
export function sessionLabLauncher(deps: () => LabUseCaseDeps = labUseCaseDeps): LabLauncher {
  return { launch: (input) => launchSessionLab(deps(), input) };
}

/** Every open "Available now" page and desk refetches on `availability:changed`: at most once a second. */
const AVAILABILITY_BROADCAST_MS = 1000;
/** The shared "Available now" view is recomputed at least this often (slots begin and end). */
const AVAILABLE_NOW_TTL_MS = 1000;
const views = () => remember<NonNullable<BookingDeps["views"]>>("booking.views", () => ({ availableNow: new SharedView(AVAILABLE_NOW_TTL_MS) }));
/**
 * A booking on any process: every process's shared view goes stale at once (the refetch must see
 * the change), and its pages hear `availability:changed` at most once a second (lib/realtime/shared-broadcast.ts).
 * server start calls this, so a process listens before it books anything itself.
 */
export const availabilityChanged = (): (() => void) =>
  sharedBroadcast("availability", {
    windowMs: AVAILABILITY_BROADCAST_MS,
    onChange: () => views().availableNow.invalidate(),
    emit: (sockets) => sockets.emit("availability:changed", {}),
  });

export function bookingDeps(overrides: Partial<BookingDeps> = {}): BookingDeps {
  const e = env();
  return {
    repo: bookingRepo(db),
    notifier: defaultNotifier(),
    events: {
      toUser: (userId, event, payload) => emitToUser(userId, event, payload),
      toAll: () => availabilityChanged()(),
    },
    labs: sessionLabLauncher(),
    views: views(),
    now: () => new Date(),
    newId: () => randomUUID().replace(/-/g, ""),
    newToken: () => randomBytes(24).toString("base64url"),
    config: {
      holdMinutes: e.BOOKING_HOLD_MINUTES,
      walkupMinutes: e.BOOKING_WALKUP_MIN_MINUTES,
      maxPending: e.BOOKING_MAX_PENDING,
      labGraceMinutes: LAB_GRACE_MINUTES,
      publicUrl: e.PUBLIC_URL,
    },
    log: (event, fields) => logger.warn(event, fields),
    ...overrides,
  };
}

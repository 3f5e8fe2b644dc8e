import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { labRuntime } from "@/lib/labs/runtime";
import type { LabService } from "@/lib/labs/service";
import type { LabStore } from "@/lib/labs/store";
import { logger } from "@/lib/log";
import { defaultNotifier } from "@/lib/notifications/deps";
import { coalesce } from "@/lib/realtime/coalesce";
import { emitToUser, realtime } from "@/lib/realtime/server";
import { bookingRepo } from "./repo";
import { SharedView } from "./shared-view";
import type { BookingDeps, LabLauncher } from "./service";

/** How long a session's lab outlives its slot, so a good conversation can finish the exercise. */
const LAB_GRACE_MINUTES = 15;

/**
 * The lab of a session: launched through the process's one LabService; its time to live is the
 * slot's end plus grace (the template's own TTL is replaced once the lab is recorded).
 */
export function sessionLabLauncher(runtime: () => SessionLabRuntime = labRuntime): LabLauncher {
  return {
    launch(input) {
      // Both people tap "Open lab": one lab per session. Launches of one session are serialized
      // in this process, and a live lab of the session is reused.
      const inflight = (globalForSessionLabs.mingleSessionLabLaunches ??= new Map());
      const previous = inflight.get(input.sessionId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => launchOrReuse(runtime(), input));
      inflight.set(input.sessionId, next);
      void next.finally(() => {
        if (inflight.get(input.sessionId) === next) inflight.delete(input.sessionId);
      });
      return next;
    },
  };
}

const globalForSessionLabs = globalThis as unknown as { mingleSessionLabLaunches?: Map<string, ReturnType<LabLauncher["launch"]>> };

type SessionLabRuntime = { service: Pick<LabService, "startLaunch">; store: Pick<LabStore, "listLive" | "update"> };

async function launchOrReuse(rt: SessionLabRuntime, { ownerId, templateName, participantIds, sessionId, expiresAt }: Parameters<LabLauncher["launch"]>[0]): ReturnType<LabLauncher["launch"]> {
  const live = (await rt.store.listLive()).find((lab) => lab.sessionId === sessionId);
  if (live) return { ok: true, value: { labId: live.id } };
  const started = await rt.service.startLaunch({ ownerId, templateName, participantIds, sessionId });
  if (!started.ok) return started;
  await rt.store.update(started.value.lab.id, { expiresAt });
  return { ok: true, value: { labId: started.value.lab.id } };
}

/** Every open "Available now" page and desk refetches on `availability:changed`: at most once a second. */
const AVAILABILITY_BROADCAST_MS = 1000;
/** The shared "Available now" view is recomputed at least this often (slots begin and end). */
const AVAILABLE_NOW_TTL_MS = 1000;
const globalForBroadcast = globalThis as unknown as {
  mingleAvailabilityChanged?: () => void;
  mingleViews?: NonNullable<BookingDeps["views"]>;
};
const views = () => (globalForBroadcast.mingleViews ??= { availableNow: new SharedView(AVAILABLE_NOW_TTL_MS) });
/** The shared view goes stale at once (the refetch must see the change); the broadcast is coalesced. */
const availabilityChanged = () => {
  views().availableNow.invalidate();
  (globalForBroadcast.mingleAvailabilityChanged ??= coalesce(
    () => (realtime() as { emit: (e: string, p: unknown) => void } | undefined)?.emit("availability:changed", {}),
    AVAILABILITY_BROADCAST_MS,
  ))();
};

export function bookingDeps(overrides: Partial<BookingDeps> = {}): BookingDeps {
  const e = env();
  return {
    repo: bookingRepo(db),
    notifier: defaultNotifier(),
    events: {
      toUser: (userId, event, payload) => emitToUser(userId, event, payload),
      toAll: availabilityChanged,
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

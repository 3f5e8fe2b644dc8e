import type { Result } from "@/lib/errors";
import type { LabLaunchErrorCode } from "@/lib/labs/errors";
import type { SessionLabInput } from "@/lib/labs/launch-session-lab";
import type { Admission } from "@/lib/overload/admission";
import type { BookingErrorCode } from "./errors";
import type { BookingRepo } from "./repo";
import type { AvailableNowView } from "./schema";
import type { SharedView } from "./shared-view";

/**
 * What the booking use cases depend on. Dependencies come in as arguments (lib/booking/deps.ts
 * wires the real ones), so unit tests pass fakes and a fixed clock. Invariants are enforced by
 * PostgreSQL (see the migration); the use cases turn their refusals into codes and messages a
 * person can act on.
 */

export interface NotificationInput {
  kind: "REQUEST_NEW" | "REQUEST_ACCEPTED" | "REQUEST_DECLINED" | "TIME_PROPOSED" | "SESSION_CANCELLED" | "SESSION_RESCHEDULED" | "SESSION_SOON" | "TABLE_CHANGED";
  title: string;
  body: string;
  link: string;
  sessionId: string;
  /** At most one notification per key (reminders). */
  dedupeKey?: string;
}

/** lib/notifications/service.ts `notify` has this shape. */
export interface Notifier {
  notify(userId: string, notification: NotificationInput): Promise<unknown>;
}

/** socket.io, behind a small interface: `booking:changed` to both people, `availability:changed` to all. */
export interface BookingEvents {
  toUser(userId: string, event: "booking:changed", payload: { sessionId: string }): void;
  toAll(event: "availability:changed", payload: Record<string, never>): void;
}

export interface LabLauncher {
  launch(input: SessionLabInput): Promise<Result<{ labId: string }, LabLaunchErrorCode>>;
}

export interface BookingConfig {
  holdMinutes: number;
  maxPending: number;
  /** The running slot can still be booked while this many minutes of it are left (walk-ups). */
  walkupMinutes: number;
  /** A session lab lives until the slot ends plus this. */
  labGraceMinutes: number;
  publicUrl: string;
}

export interface BookingDeps {
  repo: BookingRepo;
  notifier: Notifier;
  events: BookingEvents;
  labs: LabLauncher | null;
  now: () => Date;
  newId: () => string;
  newToken: () => string;
  config: BookingConfig;
  /** Views every open page reads, shared across readers; without it each read computes its own. */
  views?: { availableNow: SharedView<Result<AvailableNowView, BookingErrorCode>> };
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** The gate booking writes queue at; the process's one (write-admission.ts) when not given. */
  writes?: Admission;
}

/** What every booking use case answers. */
export type BookingResult<T> = Promise<Result<T, BookingErrorCode>>;

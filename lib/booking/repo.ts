import { findCurrentConference, type CurrentConference } from "@/lib/conference/current-conference";
import type { Db } from "@/lib/db";
import { availabilityRepo, type AvailabilityRepo } from "./repo/availability";
import { calendarFeedRepo, type CalendarFeedRepo } from "./repo/calendar-feeds";
import { requestRepo, type RequestRepo } from "./repo/requests";
import { sessionEventRepo, type SessionEventRepo } from "./repo/session-events";
import { sessionRepo, type SessionRepo } from "./repo/sessions";
import { slotRepo, type SlotRepo } from "./repo/slots";
import { sweepRepo, type SweepRepo } from "./repo/sweeps";
import { tableRepo, type TableRepo } from "./repo/tables";

/**
 * The only place the booking slice touches Prisma: one repository per area under repo/, combined
 * here. Every read has an explicit select and returns plain objects; every write that an invariant
 * guards maps the constraint's 23505 to a code (repo/conflicts.ts).
 */
export interface BookingRepo extends SlotRepo, AvailabilityRepo, TableRepo, SessionRepo, SessionEventRepo, RequestRepo, SweepRepo, CalendarFeedRepo {
  /** The conference the app serves (lib/conference/current-conference.ts), or the one with `id`. */
  currentConference(id?: string): Promise<CurrentConference | null>;
}

export function bookingRepo(db: Db): BookingRepo {
  return {
    currentConference: (id) => findCurrentConference(db, id),
    ...slotRepo(db),
    ...availabilityRepo(db),
    ...tableRepo(db),
    ...sessionRepo(db),
    ...sessionEventRepo(db),
    ...requestRepo(db),
    ...sweepRepo(db),
    ...calendarFeedRepo(db),
  };
}

export type { CurrentConference } from "@/lib/conference/current-conference";
export type { ExpertNow } from "./repo/availability";
export type { FeedRow } from "./repo/calendar-feeds";
export { SEAT_INDEX, TABLE_INDEX, violatedIndex, type WriteConflict } from "./repo/conflicts";
export type { AuditInput, CasOptions, LapsedSession, NewSession, OfferRow } from "./repo/requests";
export type { SessionEventInput, SessionEventRow } from "./repo/session-events";
export type { FeedbackRow, PersonRow, SessionDetail } from "./repo/sessions";
export type { SlotRow } from "./repo/slots";
export type { LabSessionSoon, SoonSession } from "./repo/sweeps";
export type { TableRow } from "./repo/tables";

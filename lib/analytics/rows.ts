/** What the analytics repository (repo.ts) answers with, and the scope every aggregate is filtered by. */

/** What every aggregate is filtered by: the conference, a day as a UTC range [from, to), an area. */
export interface AnalyticsScope {
  conferenceId: string;
  timeZone: string;
  from: Date | null;
  to: Date | null;
  areaId: string | null;
  now: Date;
}

export interface FunnelRow {
  requests: number;
  pending: number;
  accepted: number;
  declined: number;
  expired: number;
  withdrawn: number;
  cancelled: number;
  everAccepted: number;
  answered: number;
  medianAnswerSeconds: number | null;
}

export interface ActionByWhoRow {
  action: "cancel" | "organizer_cancel" | "reschedule" | "propose";
  by: "requester" | "expert" | "organizer" | "system";
  fromStatus: "PENDING" | "ACCEPTED" | null;
  count: number;
}

export interface HeldRow {
  due: number;
  checkedInBoth: number;
  checkedInOne: number;
  checkedInNone: number;
  happenedYes: number;
  happenedNo: number;
  confirmedByBoth: number;
  noShows: number;
  unanswered: number;
  ratingAverage: number | null;
}

export interface ExpertRow {
  id: string;
  name: string;
  received: number;
  accepted: number;
  declined: number;
  expired: number;
  pending: number;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
}

export interface HeatCellRow {
  areaId: string;
  hour: number;
  booked: number;
  capacity: number;
}

export interface FullSlotRow {
  slotId: string;
  startsAt: Date;
  booked: number;
  tables: number;
  refusedNoTable: number;
}

export interface TopicRow {
  tag: string;
  offers: number;
  offering: number;
  seeking: number;
  requests: number;
  accepted: number;
  missedSearches: number;
}

export interface MissedSearchRow {
  query: string;
  count: number;
  lastAt: Date;
}

export interface LabRow {
  template: string;
  engineId: string;
  launched: number;
  ready: number;
  failed: number;
  lost: number;
  inSessions: number;
  medianSecondsToShell: number | null;
}

export interface LabFailureRow {
  status: "FAILED" | "LOST";
  reason: string;
  count: number;
}

export interface SessionListRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  area: string | null;
  table: string | null;
  offer: string;
  tags: string[];
  requester: string;
  expert: string;
  requestedAt: Date;
  answeredAt: Date | null;
  closedReason: string | null;
  checkedIn: number;
  happenedYes: number;
  happenedNo: number;
  ratingAverage: number | null;
}

export interface AreaRow {
  id: string;
  name: string;
  tables: number;
}

export interface AnalyticsRepo {
  areas(conferenceId: string): Promise<AreaRow[]>;
  attendeeCount(): Promise<number>;
  funnel(s: AnalyticsScope): Promise<FunnelRow>;
  actionsByWho(s: AnalyticsScope): Promise<ActionByWhoRow[]>;
  held(s: AnalyticsScope): Promise<HeldRow>;
  ratings(s: AnalyticsScope): Promise<{ stars: number; count: number }[]>;
  /** Attendees by how many agreed sessions they have (0, 1, 2, ...). */
  meetingsPerAttendee(s: AnalyticsScope): Promise<{ meetings: number; attendees: number }[]>;
  experts(s: AnalyticsScope): Promise<ExpertRow[]>;
  /** People with an open offer and no request in scope; `limit` null for all of them. */
  idleExperts(s: AnalyticsScope, limit: number | null): Promise<{ count: number; people: PersonRow[] }>;
  /** Attendees in no session in scope; `limit` null for all of them. */
  neverBooked(s: AnalyticsScope, limit: number | null): Promise<{ count: number; people: PersonRow[] }>;
  heatmap(s: AnalyticsScope): Promise<HeatCellRow[]>;
  fullSlots(s: AnalyticsScope): Promise<FullSlotRow[]>;
  refusedNoTable(s: AnalyticsScope): Promise<number>;
  topics(s: AnalyticsScope): Promise<TopicRow[]>;
  missedSearches(s: AnalyticsScope, limit: number): Promise<{ total: number; rows: MissedSearchRow[] }>;
  labs(s: AnalyticsScope): Promise<LabRow[]>;
  labFailures(s: AnalyticsScope): Promise<LabFailureRow[]>;
  sessions(s: AnalyticsScope): Promise<SessionListRow[]>;
}

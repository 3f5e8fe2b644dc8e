import type { UserView } from "@/lib/auth/schema";
import type { BookingDeps, NotificationInput } from "./ports";
import type { BookingRepo, SessionDetail, TableRow } from "./repo";

/** Use-case tests with plain fakes: the database's refusals are simulated by the fake repo. */
export const NOW = new Date("2030-04-18T09:00:00Z");
export const SLOT = { id: "slot-1", conferenceId: "conf", startsAt: new Date("2030-04-18T10:00:00Z"), endsAt: new Date("2030-04-18T10:20:00Z") };
export const ada: UserView = { id: "ada", email: "ada@x.test", name: "Ada", role: "ATTENDEE" };
export const bob: UserView = { id: "bob", email: "bob@x.test", name: "Bob", role: "ATTENDEE" };
export const carol: UserView = { id: "carol", email: "carol@x.test", name: "Carol", role: "ATTENDEE" };

export const TABLES: TableRow[] = [
  { id: "t2", label: "T2", seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" },
  { id: "t1", label: "T1", seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" },
];

export function pending(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: "s1",
    conferenceId: "conf",
    conferenceTimeZone: "UTC",
    conferenceName: "Conf",
    requesterId: "ada",
    expertId: "bob",
    status: "PENDING",
    awaiting: "EXPERT",
    slotId: SLOT.id,
    slotStartUtc: SLOT.startsAt,
    slotEndUtc: SLOT.endsAt,
    tableId: null,
    holdExpiresAt: new Date("2030-04-18T09:30:00Z"),
    proposalCount: 0,
    sequence: 0,
    closedReason: null,
    closedById: null,
    message: null,
    offer: { id: "o1", title: "Swarm secrets", labTemplate: null },
    requester: { id: "ada", name: "Ada", email: "ada@x.test" },
    expert: { id: "bob", name: "Bob", email: "bob@x.test" },
    table: null,
    feedback: [],
    updatedAt: NOW,
    ...overrides,
  };
}

export function setup(repo: Partial<BookingRepo>) {
  const notes: { userId: string; n: NotificationInput }[] = [];
  const emitted: string[] = [];
  const deps: BookingDeps = {
    repo: repo as BookingRepo,
    notifier: { notify: async (userId, n) => void notes.push({ userId, n }) },
    events: { toUser: (userId, event) => void emitted.push(`${event}:${userId}`), toAll: (event) => void emitted.push(event) },
    labs: null,
    now: () => NOW,
    newId: () => "new-id",
    newToken: () => "token",
    config: { holdMinutes: 60, maxPending: 3, walkupMinutes: 10, labGraceMinutes: 15, publicUrl: "http://127.0.0.1:3000" },
  };
  return { deps, notes, emitted };
}

import type { SessionStatus } from "./rules";

/**
 * Who sees whose contact details (e-mail): the one rule behind the profile API, the session's
 * .ics and the calendar feeds. A person's address is theirs to give: it goes to organizers, and to
 * the other person only once both agreed to meet (an ACCEPTED session). A request that is still
 * pending, or one that was declined, withdrawn, cancelled or expired, connects nobody — otherwise
 * anyone could harvest an expert's address by sending a request and withdrawing it.
 */

export type ContactRelation = "self" | "organizer" | "connected" | "stranger";

/** The session states in which its two people are connected (the profile repository queries these). */
export const CONNECTING_STATUSES = ["ACCEPTED"] as const satisfies readonly SessionStatus[];

export function connects(status: SessionStatus): boolean {
  return (CONNECTING_STATUSES as readonly SessionStatus[]).includes(status);
}

export function seesContact(relation: ContactRelation): boolean {
  return relation !== "stranger";
}

export interface ContactViewer {
  userId: string;
  isOrganizer: boolean;
}

/** How `viewer` stands to `personId` as far as this one session goes. */
export function relationInSession(viewer: ContactViewer, personId: string, s: { status: SessionStatus; requesterId: string; expertId: string }): ContactRelation {
  if (viewer.userId === personId) return "self";
  if (viewer.isOrganizer) return "organizer";
  const bothIn = [s.requesterId, s.expertId].includes(viewer.userId) && [s.requesterId, s.expertId].includes(personId);
  return bothIn && connects(s.status) ? "connected" : "stranger";
}

/** The person's e-mail as `viewer` may see it in this session, or null. */
export function contactInSession(viewer: ContactViewer, person: { id: string; email: string }, s: { status: SessionStatus; requesterId: string; expertId: string }): string | null {
  return seesContact(relationInSession(viewer, person.id, s)) ? person.email : null;
}

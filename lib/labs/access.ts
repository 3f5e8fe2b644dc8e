import { fail, ok, type Result } from "@/lib/errors";

/**
 * Who may do what with a lab. Pure: the HTTP API, the lab page and every socket event (watch,
 * attach, input, resize, stop) ask these, so the rules live in one place.
 *
 * - participants (the owner and participantIds) launch, attach, type and stop;
 * - organizers may watch (read-only) and stop any lab;
 * - everyone else is refused.
 */
export interface LabActor {
  id: string;
  role: "ATTENDEE" | "ORGANIZER";
}

export interface LabParties {
  ownerId: string;
  participantIds: readonly string[];
}

export type LabAction = "view" | "type" | "stop";

export function isParticipant(user: LabActor, lab: LabParties): boolean {
  return lab.ownerId === user.id || lab.participantIds.includes(user.id);
}

function isOrganizer(user: LabActor): boolean {
  return user.role === "ORGANIZER";
}

/** See the lab page, its status and the terminal output (organizers read-only). */
export function canView(user: LabActor, lab: LabParties): boolean {
  return isParticipant(user, lab) || isOrganizer(user);
}

/** Send keystrokes and resizes to the lab's shell: participants only, organizers included only if they take part. */
export function canType(user: LabActor, lab: LabParties): boolean {
  return isParticipant(user, lab);
}

export function canStop(user: LabActor, lab: LabParties): boolean {
  return isParticipant(user, lab) || isOrganizer(user);
}

const CHECKS: Record<LabAction, (user: LabActor, lab: LabParties) => boolean> = { view: canView, type: canType, stop: canStop };

const REFUSALS: Record<LabAction, string> = {
  view: "This lab belongs to other people: only its participants and organizers can open it.",
  type: "Only the lab's participants can type in its terminal; you are watching read-only.",
  stop: "Only the lab's participants and organizers can stop it.",
};

/** The check as a Result, for edges that answer with a FORBIDDEN (HTTP 403, socket ack error). */
export function authorize(action: LabAction, user: LabActor, lab: LabParties): Result<void, "FORBIDDEN"> {
  return CHECKS[action](user, lab) ? ok(undefined) : fail("FORBIDDEN", REFUSALS[action]);
}

/** socket.data ({userId, role}) as a LabActor. */
export function socketActor(data: { userId: string; role: LabActor["role"] }): LabActor {
  return { id: data.userId, role: data.role };
}

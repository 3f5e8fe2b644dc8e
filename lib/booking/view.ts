import type { SessionDetail } from "./repo";
import * as rules from "./rules";
import type { SessionView } from "./schema";
import { checkInOpensAt, isLabOpen } from "./session-windows";
import { formatSessionTime } from "./time";

/** A session as one viewer sees it: their role, their turn, and what they can do now. */
export function toSessionView(s: SessionDetail, viewerId: string, now: Date, viewerTimeZone?: string | null): SessionView {
  const role = rules.participantOf(s, viewerId);
  const other = role === "REQUESTER" ? s.expert : role === "EXPERT" ? s.requester : null;
  const mine = s.feedback.find((f) => f.userId === viewerId);
  const theirs = other ? s.feedback.find((f) => f.userId === other.id) : undefined;
  const t = now.getTime();
  const phase = t < s.slotStartUtc.getTime() ? "upcoming" : t < s.slotEndUtc.getTime() ? "now" : "past";
  return {
    id: s.id,
    status: s.status,
    awaiting: s.awaiting,
    myRole: role,
    myTurn: s.status === "PENDING" && role === s.awaiting && !rules.isHoldExpired(s, now),
    phase,
    offer: s.offer,
    requester: { id: s.requester.id, name: s.requester.name },
    expert: { id: s.expert.id, name: s.expert.name },
    other: other ? { id: other.id, name: other.name } : null,
    slot: { id: s.slotId, startsAt: s.slotStartUtc.toISOString(), endsAt: s.slotEndUtc.toISOString() },
    timeLabel: formatSessionTime({
      startUtc: s.slotStartUtc,
      endUtc: s.slotEndUtc,
      conferenceTimeZone: s.conferenceTimeZone,
      viewerTimeZone,
    }),
    table: s.table,
    holdExpiresAt: s.holdExpiresAt?.toISOString() ?? null,
    proposalCount: s.proposalCount,
    sequence: s.sequence,
    message: s.message,
    closedReason: s.closedReason,
    checkIn: { me: mine?.checkedInAt?.toISOString() ?? null, other: theirs?.checkedInAt?.toISOString() ?? null },
    feedback: { happened: mine?.happened ?? null, rating: mine?.rating ?? null, note: mine?.note ?? null },
    noShow: s.feedback.some((f) => f.happened === false),
    canOpenLab: s.status === "ACCEPTED" && role !== null && s.offer.labTemplate !== null && isLabOpen(s, now),
    checkInOpensAt: checkInOpensAt(s).toISOString(),
    icsUrl: `/api/v1/sessions/${s.id}/ics`,
  };
}

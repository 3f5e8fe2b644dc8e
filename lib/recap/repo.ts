import type { Db } from "@/lib/db";
import type { ProfileRecord } from "@/lib/profiles/rules";

/** One agreed session of the viewer whose slot has started, with the other person and what the viewer gave. */
export interface RecapSessionRow {
  id: string;
  status: "ACCEPTED";
  requesterId: string;
  expertId: string;
  slotStartUtc: Date;
  slotEndUtc: Date;
  offerTitle: string;
  offerTags: string[];
  table: { label: string; area: string } | null;
  /** The other person, as profiles record them; what the viewer may see of it is decided in recap-views.ts. */
  other: Omit<ProfileRecord, "userId"> & { id: string };
  mine: { checkedInAt: Date | null; happened: boolean | null; rating: number | null; note: string | null } | null;
  /** Someone answered "did it happen?" with no. */
  saidNotHappened: boolean;
  labs: { id: string; templateName: string; status: string; createdAt: Date; readyAt: Date | null }[];
}

export interface RecapLabRow {
  id: string;
  templateName: string;
  status: string;
  sessionId: string | null;
  createdAt: Date;
  readyAt: Date | null;
}

export interface RecapRepo {
  /** The viewer's ACCEPTED sessions in the conference whose slot started by `now`, oldest first (or the one with `sessionId`). */
  sessions(conferenceId: string, viewerId: string, now: Date, sessionId?: string): Promise<RecapSessionRow[]>;
  /** Labs the viewer owned or joined, newest first. */
  labs(viewerId: string, limit: number): Promise<RecapLabRow[]>;
}

const personSelect = {
  id: true,
  name: true,
  email: true,
  profile: { select: { headline: true, company: true, bio: true, timeZone: true, visibility: true, offerTags: true, seekTags: true } },
} as const;

type Person = { id: string; name: string; email: string; profile: Omit<RecapSessionRow["other"], "id" | "name" | "email"> | null };

function otherOf(p: Person): RecapSessionRow["other"] {
  const profile = p.profile ?? { headline: "", company: "", bio: "", timeZone: "UTC", visibility: "FULL" as const, offerTags: [], seekTags: [] };
  return { id: p.id, name: p.name, email: p.email, ...profile };
}

export function recapRepo(db: Db): RecapRepo {
  return {
    async sessions(conferenceId, viewerId, now, sessionId) {
      const rows = await db.mingleSession.findMany({
        where: {
          conferenceId,
          status: "ACCEPTED",
          ...(sessionId ? { id: sessionId } : {}),
          OR: [{ requesterId: viewerId }, { expertId: viewerId }],
          slot: { startsAt: { lte: now } },
        },
        orderBy: [{ slot: { startsAt: "asc" } }, { id: "asc" }],
        take: 500,
        select: {
          id: true,
          requesterId: true,
          expertId: true,
          slot: { select: { startsAt: true, endsAt: true } },
          offer: { select: { title: true, tags: true } },
          table: { select: { label: true, area: { select: { name: true } } } },
          requester: { select: personSelect },
          expert: { select: personSelect },
          feedback: { select: { userId: true, checkedInAt: true, happened: true, rating: true, note: true } },
        },
      });
      const labs = await db.lab.findMany({
        where: { sessionId: { in: rows.map((r) => r.id) } },
        orderBy: { createdAt: "asc" },
        select: { id: true, templateName: true, status: true, createdAt: true, readyAt: true, sessionId: true },
      });
      return rows.map((r) => {
        const mine = r.feedback.find((f) => f.userId === viewerId);
        return {
          id: r.id,
          status: "ACCEPTED" as const,
          requesterId: r.requesterId,
          expertId: r.expertId,
          slotStartUtc: r.slot.startsAt,
          slotEndUtc: r.slot.endsAt,
          offerTitle: r.offer.title,
          offerTags: r.offer.tags,
          table: r.table ? { label: r.table.label, area: r.table.area.name } : null,
          other: otherOf(r.requesterId === viewerId ? r.expert : r.requester),
          mine: mine ? { checkedInAt: mine.checkedInAt, happened: mine.happened, rating: mine.rating, note: mine.note } : null,
          saidNotHappened: r.feedback.some((f) => f.happened === false),
          labs: labs.filter((l) => l.sessionId === r.id).map(({ sessionId: _s, ...l }) => l),
        };
      });
    },

    async labs(viewerId, limit) {
      return db.lab.findMany({
        where: { OR: [{ ownerId: viewerId }, { participants: { some: { userId: viewerId } } }] },
        orderBy: { createdAt: "desc" },
        take: limit,
        select: { id: true, templateName: true, status: true, sessionId: true, createdAt: true, readyAt: true },
      });
    },
  };
}

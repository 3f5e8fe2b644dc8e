import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionState } from "../rules";
import { LIVE } from "./conflicts";
import { recordEvent } from "./session-events";

export interface PersonRow {
  id: string;
  name: string;
  email: string;
}

export interface FeedbackRow {
  userId: string;
  checkedInAt: Date | null;
  happened: boolean | null;
  rating: number | null;
  note: string | null;
}

export interface SessionDetail extends SessionState {
  conferenceId: string;
  conferenceTimeZone: string;
  conferenceName: string;
  offer: { id: string; title: string; labTemplate: string | null };
  requester: PersonRow;
  expert: PersonRow;
  table: { id: string; label: string; area: { id: string; name: string; location: string } } | null;
  message: string | null;
  closedById: string | null;
  feedback: FeedbackRow[];
  updatedAt: Date;
}

/** Sessions as the use cases read them, and what each participant records on one (check-in, feedback). */
export interface SessionRepo {
  session(id: string): Promise<SessionDetail | null>;
  sessionsOf(userId: string): Promise<SessionDetail[]>;
  liveSessionsOfConference(conferenceId: string, range?: { from?: Date; to?: Date }): Promise<SessionDetail[]>;
  /** Marks the participant present (the first tap counts, and only it goes into the history). */
  checkIn(sessionId: string, userId: string, at: Date): Promise<void>;
  saveFeedback(sessionId: string, userId: string, input: { happened?: boolean; rating?: number; note?: string | null }): Promise<void>;
}

/**
 * Every read of sessions is this one statement: the session with its slot, conference, offer,
 * both people, table and area joined, and its feedback as a JSON array. Prisma's select loaded
 * each of those nine relations with a query of its own, and a booking write reads a session twice
 * (decide, then answer), so this was most of a request's and an accept's round trips.
 */
const detailSql = (where: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) => Prisma.sql`
  SELECT s."id", s."conferenceId", s."requesterId", s."expertId", s."status"::text AS "status", s."awaiting"::text AS "awaiting",
         s."slotId", s."tableId", s."holdExpiresAt", s."proposalCount", s."sequence", s."message", s."closedReason", s."closedById",
         s."updatedAt", sl."startsAt" AS "slotStartUtc", sl."endsAt" AS "slotEndUtc",
         c."timeZone" AS "conferenceTimeZone", c."name" AS "conferenceName",
         o."id" AS "offerId", o."title" AS "offerTitle", o."labTemplate" AS "offerLabTemplate",
         r."name" AS "requesterName", r."email" AS "requesterEmail", e."name" AS "expertName", e."email" AS "expertEmail",
         t."label" AS "tableLabel", a."id" AS "areaId", a."name" AS "areaName", a."location" AS "areaLocation",
         coalesce((SELECT json_agg(json_build_object('userId', f."userId", 'checkedInAt', f."checkedInAt", 'happened', f."happened",
                                                     'rating', f."rating", 'note', f."note") ORDER BY f."userId")
                     FROM "SessionFeedback" f WHERE f."sessionId" = s."id"), '[]'::json) AS "feedback"
    FROM "MingleSession" s
    JOIN "MingleSlot" sl ON sl."id" = s."slotId"
    JOIN "Conference" c ON c."id" = s."conferenceId"
    JOIN "Offer" o ON o."id" = s."offerId"
    JOIN "User" r ON r."id" = s."requesterId"
    JOIN "User" e ON e."id" = s."expertId"
    LEFT JOIN "Table" t ON t."id" = s."tableId"
    LEFT JOIN "MingleArea" a ON a."id" = t."areaId"
   WHERE ${where}
   ${tail}`;

type DetailRow = Omit<SessionDetail, "offer" | "requester" | "expert" | "table" | "feedback"> & {
  offerId: string;
  offerTitle: string;
  offerLabTemplate: string | null;
  requesterName: string;
  requesterEmail: string;
  expertName: string;
  expertEmail: string;
  tableLabel: string | null;
  areaId: string | null;
  areaName: string | null;
  areaLocation: string | null;
  feedback: Array<Omit<FeedbackRow, "checkedInAt"> & { checkedInAt: string | null }>;
};

function toDetail(r: DetailRow): SessionDetail {
  const { offerId, offerTitle, offerLabTemplate, requesterName, requesterEmail, expertName, expertEmail, tableLabel, areaId, areaName, areaLocation, feedback, ...state } = r;
  return {
    ...state,
    offer: { id: offerId, title: offerTitle, labTemplate: offerLabTemplate },
    requester: { id: r.requesterId, name: requesterName, email: requesterEmail },
    expert: { id: r.expertId, name: expertName, email: expertEmail },
    table: r.tableId && areaId ? { id: r.tableId, label: tableLabel!, area: { id: areaId, name: areaName!, location: areaLocation! } } : null,
    feedback: feedback.map((f) => ({ ...f, checkedInAt: f.checkedInAt ? new Date(f.checkedInAt) : null })),
  };
}

export function sessionRepo(db: Db): SessionRepo {
  return {
    async session(id) {
      const [r] = await db.$queryRaw<DetailRow[]>(detailSql(Prisma.sql`s."id" = ${id}`));
      return r ? toDetail(r) : null;
    },

    async sessionsOf(userId) {
      const rows = await db.$queryRaw<DetailRow[]>(
        detailSql(Prisma.sql`(s."requesterId" = ${userId} OR s."expertId" = ${userId})`, Prisma.sql`ORDER BY sl."startsAt", s."id" LIMIT 500`),
      );
      return rows.map(toDetail);
    },

    async liveSessionsOfConference(conferenceId, range) {
      const where = [Prisma.sql`s."conferenceId" = ${conferenceId}`, Prisma.sql`s."status"::text = ANY(${LIVE})`];
      if (range?.from) where.push(Prisma.sql`sl."startsAt" >= ${range.from}`);
      if (range?.to) where.push(Prisma.sql`sl."startsAt" < ${range.to}`);
      const rows = await db.$queryRaw<DetailRow[]>(detailSql(Prisma.join(where, " AND "), Prisma.sql`ORDER BY sl."startsAt", s."id" LIMIT 2000`));
      return rows.map(toDetail);
    },

    // Both are taken only on an agreed session (session-access.ts ownAccepted), which they leave agreed.
    async checkIn(sessionId, userId, at) {
      await db.$transaction(async (tx) => {
        await tx.sessionFeedback.upsert({
          where: { sessionId_userId: { sessionId, userId } },
          create: { sessionId, userId },
          update: {},
          select: { sessionId: true },
        });
        const { count } = await tx.sessionFeedback.updateMany({ where: { sessionId, userId, checkedInAt: null }, data: { checkedInAt: at } });
        if (count > 0) await recordEvent(tx, sessionId, "ACCEPTED", "ACCEPTED", { actorId: userId, action: "check_in" });
      });
    },

    async saveFeedback(sessionId, userId, input) {
      const data = {
        ...(input.happened !== undefined ? { happened: input.happened } : {}),
        ...(input.rating !== undefined ? { rating: input.rating } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      await db.$transaction(async (tx) => {
        await tx.sessionFeedback.upsert({
          where: { sessionId_userId: { sessionId, userId } },
          create: { sessionId, userId, ...data },
          update: data,
          select: { sessionId: true },
        });
        // The note is for the other person, not for the history: only whether one was left.
        const details = { happened: input.happened, rating: input.rating, note: input.note ? true : undefined };
        await recordEvent(tx, sessionId, "ACCEPTED", "ACCEPTED", { actorId: userId, action: "feedback", details });
      });
    },
  };
}

import type { Db } from "@/lib/db";
import type { MatchOffer, MatchViewer } from "@/lib/matching/types";
import { MATCH_LEVEL, type OfferContent, toSummary, type SummarySource } from "./rules";
import type { OfferLevelName, OfferSummary } from "./schema";

export interface OfferRecord extends SummarySource {
  ownerVisibility: "HIDDEN" | "BASIC" | "FULL";
  active: boolean;
  hiddenReason: string | null;
  hiddenAt: Date | null;
  hiddenById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OfferWrite extends OfferContent {
  active: boolean;
}

export interface OfferRepo {
  find(id: string): Promise<OfferRecord | null>;
  listByOwner(ownerId: string): Promise<OfferRecord[]>;
  countByOwner(ownerId: string): Promise<number>;
  create(ownerId: string, data: OfferWrite): Promise<OfferRecord>;
  update(id: string, data: Partial<OfferWrite>): Promise<OfferRecord>;
  delete(id: string): Promise<void>;
  setHidden(id: string, hidden: { reason: string; byId: string; at: Date } | null): Promise<OfferRecord>;
  recordView(userId: string, offerId: string, at: Date): Promise<void>;
  veto(userId: string, offerId: string): Promise<void>;
  unveto(userId: string, offerId: string): Promise<void>;
}

/** What an offer card shows, without its owner. */
const cardSelect = {
  id: true,
  ownerId: true,
  title: true,
  description: true,
  tags: true,
  level: true,
  lengthMinutes: true,
  labTemplate: true,
} as const;

const select = {
  ...cardSelect,
  active: true,
  hiddenReason: true,
  hiddenAt: true,
  hiddenById: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { name: true, profile: { select: { headline: true, visibility: true } } } },
} as const;

type Row = Omit<OfferRecord, "ownerName" | "ownerHeadline" | "ownerVisibility"> & {
  owner: { name: string; profile: { headline: string; visibility: "HIDDEN" | "BASIC" | "FULL" } | null };
};

function toRecord({ owner, ...row }: Row): OfferRecord {
  return {
    ...row,
    ownerName: owner.name,
    ownerHeadline: owner.profile?.headline ?? "",
    ownerVisibility: owner.profile?.visibility ?? "FULL",
  };
}

export function offerRepo(db: Db): OfferRepo {
  return {
    async find(id) {
      const row = await db.offer.findUnique({ where: { id }, select });
      return row ? toRecord(row) : null;
    },
    async listByOwner(ownerId) {
      const rows = await db.offer.findMany({ where: { ownerId }, select, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
      return rows.map(toRecord);
    },
    countByOwner(ownerId) {
      return db.offer.count({ where: { ownerId } });
    },
    async create(ownerId, data) {
      return toRecord(await db.offer.create({ data: { ...data, ownerId }, select }));
    },
    async update(id, data) {
      return toRecord(await db.offer.update({ where: { id }, data, select }));
    },
    async delete(id) {
      await db.offer.deleteMany({ where: { id } });
    },
    async setHidden(id, hidden) {
      const data = hidden ? { hiddenReason: hidden.reason, hiddenById: hidden.byId, hiddenAt: hidden.at } : { hiddenReason: null, hiddenById: null, hiddenAt: null };
      return toRecord(await db.offer.update({ where: { id }, data, select }));
    },
    async recordView(userId, offerId, at) {
      await db.offerView.upsert({
        where: { userId_offerId: { userId, offerId } },
        create: { userId, offerId, viewedAt: at },
        update: { viewedAt: at, count: { increment: 1 } },
        select: { userId: true },
      });
    },
    async veto(userId, offerId) {
      await db.offerVeto.upsert({
        where: { userId_offerId: { userId, offerId } },
        create: { userId, offerId },
        update: {},
        select: { userId: true },
      });
    },
    async unveto(userId, offerId) {
      await db.offerVeto.deleteMany({ where: { userId, offerId } });
    },
  };
}

/** Every visible offer as the matcher sees it, with the card each one shows. */
export interface MatchCorpus {
  offers: MatchOffer[];
  cards: Map<string, OfferSummary>;
}

/** The viewer's signals in one row (loadViewer); a session is [offerId, requesterId, expertId, status]. */
interface ViewerRow {
  seekTags: string[] | null;
  offerTags: string[] | null;
  bio: string | null;
  views: string[];
  sessions: [string, string, string, string][];
  vetoes: string[];
}

/** What recommendations read: the corpus (cached by the caller) and one viewer's signals. */
export interface MatchRepo {
  /** Identifies the database, so two repos never share a cached index. */
  key: string;
  loadCorpus(): Promise<MatchCorpus>;
  /** Pending requests per expert (fairness): what changes between two loads of an unchanged corpus. */
  loadPendingCounts(): Promise<Map<string, number>>;
  loadViewer(userId: string): Promise<MatchViewer>;
}

export function matchRepo(db: Db, key = "default"): MatchRepo {
  const loadPendingCounts = async () => {
    const pending = await db.mingleSession.groupBy({ by: ["expertId"], where: { status: "PENDING" }, _count: { _all: true } });
    return new Map(pending.map((p) => [p.expertId, p._count._all]));
  };
  return {
    key,
    loadPendingCounts,
    async loadCorpus() {
      const [rows, pendingBy] = await Promise.all([
        db.offer.findMany({
          where: {
            active: true,
            hiddenAt: null,
            owner: { OR: [{ profile: { is: null } }, { profile: { is: { visibility: { not: "HIDDEN" } } } }] },
          },
          select: { ...cardSelect, owner: { select: { name: true, profile: { select: { headline: true, seekTags: true } } } } },
          orderBy: { id: "asc" },
        }),
        loadPendingCounts(),
      ]);
      const offers: MatchOffer[] = [];
      const cards = new Map<string, OfferSummary>();
      for (const r of rows) {
        const level = r.level as OfferLevelName;
        offers.push({
          id: r.id,
          ownerId: r.ownerId,
          ownerSeekTags: r.owner.profile?.seekTags ?? [],
          tags: r.tags,
          title: r.title,
          description: r.description,
          ownerPendingRequests: pendingBy.get(r.ownerId) ?? 0,
          level: MATCH_LEVEL[level],
          active: true,
        });
        cards.set(r.id, toSummary({ ...r, level, ownerName: r.owner.name, ownerHeadline: r.owner.profile?.headline ?? "" }));
      }
      return { offers, cards };
    },
    async loadViewer(userId) {
      // One statement, not four: this runs on every recommendations request (the memo's key).
      const [row] = await db.$queryRaw<ViewerRow[]>`
        SELECT p."seekTags", p."offerTags", p."bio",
          COALESCE((SELECT array_agg(v."offerId" ORDER BY v."viewedAt" DESC) FROM (
            SELECT "offerId", "viewedAt" FROM "OfferView" WHERE "userId" = ${userId} ORDER BY "viewedAt" DESC LIMIT 50) v), '{}') AS "views",
          COALESCE((SELECT json_agg(json_build_array(s."offerId", s."requesterId", s."expertId", s."status")) FROM (
            SELECT "offerId", "requesterId", "expertId", "status" FROM "MingleSession"
            WHERE "requesterId" = ${userId} OR "expertId" = ${userId} ORDER BY "createdAt" DESC LIMIT 500) s), '[]') AS "sessions",
          COALESCE((SELECT array_agg("offerId") FROM "OfferVeto" WHERE "userId" = ${userId}), '{}') AS "vetoes"
        FROM (SELECT 1) AS one LEFT JOIN "Profile" p ON p."userId" = ${userId}`;
      const sessions = (row?.sessions ?? []).map(([offerId, requesterId, expertId, status]) => ({ offerId, requesterId, expertId, status }));
      const sent = sessions.filter((s) => s.requesterId === userId);
      return {
        id: userId,
        seekTags: row?.seekTags ?? [],
        offerTags: row?.offerTags ?? [],
        bio: row?.bio ?? "",
        viewedOfferIds: row?.views ?? [],
        requestedOfferIds: [...new Set(sent.map((s) => s.offerId))],
        acceptedOfferIds: [...new Set(sent.filter((s) => s.status === "ACCEPTED").map((s) => s.offerId))],
        vetoedOfferIds: row?.vetoes ?? [],
        metPersonIds: [...new Set(sessions.filter((s) => s.status === "ACCEPTED").map((s) => (s.requesterId === userId ? s.expertId : s.requesterId)))],
      };
    },
  };
}

export interface MissedSearch {
  userId: string;
  query: string | null;
  tags: string[];
  at: Date;
}

/**
 * Searches that found nothing, for the organizer's topics (lib/analytics). The page searches as
 * the person types, so a miss that extends this person's miss of the last 30 seconds ("kub",
 * "kube", "kubern") replaces it: a search typed letter by letter counts once.
 */
export function missedSearchRepo(db: Db): { record(miss: MissedSearch): Promise<void> } {
  return {
    async record(miss) {
      await db.$transaction([
        db.$executeRaw`
          DELETE FROM "DemandMiss"
           WHERE "userId" = ${miss.userId} AND kind = 'SEARCH_EMPTY' AND "createdAt" > ${new Date(miss.at.getTime() - 30_000)}
             AND starts_with(${miss.query ?? ""}, coalesce(query, ''))`,
        db.demandMiss.create({ data: { kind: "SEARCH_EMPTY", userId: miss.userId, query: miss.query, tags: miss.tags, createdAt: miss.at }, select: { id: true } }),
      ]);
    },
  };
}

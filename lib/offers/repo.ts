import type { Db } from "@/lib/db";
import type { SummarySource } from "./rules";
import type { OfferLevelName } from "./schema";

export interface OfferRecord extends SummarySource {
  ownerVisibility: "HIDDEN" | "BASIC" | "FULL";
  active: boolean;
  hiddenReason: string | null;
  hiddenAt: Date | null;
  hiddenById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OfferWrite {
  title: string;
  description: string;
  tags: string[];
  level: OfferLevelName;
  lengthMinutes: number;
  labTemplate: string | null;
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

const select = {
  id: true,
  ownerId: true,
  title: true,
  description: true,
  tags: true,
  level: true,
  lengthMinutes: true,
  labTemplate: true,
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
      const data = hidden
        ? { hiddenReason: hidden.reason, hiddenById: hidden.byId, hiddenAt: hidden.at }
        : { hiddenReason: null, hiddenById: null, hiddenAt: null };
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

import { Prisma, type Db } from "@/lib/db";
import type { TableCandidate } from "../rules";
import { LIVE } from "./conflicts";

export interface TableRow extends TableCandidate {
  location: string;
}

/** The conference's tables and which of them live sessions hold. */
export interface TableRepo {
  preferredAreaId(userId: string): Promise<string | null>;
  tables(conferenceId: string): Promise<TableRow[]>;
  takenTableIds(slotId: string): Promise<Set<string>>;
  takenTablesBySlot(slotIds: string[]): Promise<Map<string, Set<string>>>;
  /** One table of the conference (null when it is not one of its tables). */
  tableInConference(tableId: string, conferenceId: string): Promise<TableRow | null>;
  /** An accept or reschedule refused because every table was taken in the slot (organizer analytics). */
  recordNoTableFree(miss: { conferenceId: string; slotId: string; sessionId: string | null; userId: string | null; at: Date }): Promise<void>;
}

/** Tables with their area in one statement (an accept reads them all; a relation select took two). */
const tablesWhere = (where: Prisma.Sql) => Prisma.sql`
  SELECT t."id", t."label", t."seats", a."id" AS "areaId", a."name" AS "areaName", a."location"
    FROM "Table" t JOIN "MingleArea" a ON a."id" = t."areaId"
   WHERE ${where}
   ORDER BY a."id", t."id"`;

export function tableRepo(db: Db): TableRepo {
  return {
    async preferredAreaId(userId) {
      const p = await db.profile.findUnique({ where: { userId }, select: { preferredAreaId: true } });
      return p?.preferredAreaId ?? null;
    },

    async tables(conferenceId) {
      return db.$queryRaw<TableRow[]>(tablesWhere(Prisma.sql`a."conferenceId" = ${conferenceId}`));
    },

    async takenTableIds(slotId) {
      const rows = await db.mingleSession.findMany({
        where: { slotId, status: { in: LIVE }, tableId: { not: null } },
        select: { tableId: true },
      });
      return new Set(rows.map((r) => r.tableId!));
    },

    async takenTablesBySlot(slotIds) {
      const rows = await db.mingleSession.findMany({
        where: { slotId: { in: slotIds }, status: { in: LIVE }, tableId: { not: null } },
        select: { slotId: true, tableId: true },
      });
      const out = new Map<string, Set<string>>(slotIds.map((id) => [id, new Set<string>()]));
      for (const r of rows) out.get(r.slotId)?.add(r.tableId!);
      return out;
    },

    async tableInConference(tableId, conferenceId) {
      const [t] = await db.$queryRaw<TableRow[]>(tablesWhere(Prisma.sql`t."id" = ${tableId} AND a."conferenceId" = ${conferenceId}`));
      return t ?? null;
    },

    async recordNoTableFree({ at, ...miss }) {
      await db.demandMiss.create({ data: { kind: "NO_TABLE_FREE", ...miss, createdAt: at }, select: { id: true } });
    },
  };
}

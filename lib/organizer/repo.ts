import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/db";
import { type CurrentConference, findCurrentConference } from "@/lib/conference/current-conference";
import type { AreaInput, AreaPatch, ConferenceUpdate, TableInput } from "./schema";

const dateOf = (d: string) => new Date(`${d}T00:00:00Z`);
const LIVE: Array<"PENDING" | "ACCEPTED"> = ["PENDING", "ACCEPTED"];

export interface AreaRecord {
  id: string;
  conferenceId: string;
  name: string;
  location: string;
  tables: Array<{ id: string; label: string; seats: number; liveSessions: number; sessions: number }>;
}

export interface TableRecord {
  id: string;
  areaId: string;
  conferenceId: string;
  label: string;
  seats: number;
  /** Live sessions (pending or accepted) in slots that have not ended. */
  liveSessions: number;
  /** Every session that ever used the table (kept for the record, so the table cannot be deleted). */
  sessions: number;
}

/** A unique index said no: the caller turns this into a 409 with the name that clashed. */
export const TAKEN = Symbol("taken");

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function uniqueOr<T>(run: () => Promise<T>): Promise<T | typeof TAKEN> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) return TAKEN;
    throw error;
  }
}

export interface OrganizerRepo {
  currentConference(): Promise<CurrentConference | null>;
  updateConference(id: string, data: ConferenceUpdate): Promise<void>;
  replaceHours(conferenceId: string, hours: Array<{ day: string; opensAt: string; closesAt: string }>): Promise<void>;
  areas(conferenceId: string, now: Date): Promise<AreaRecord[]>;
  slotStarts(conferenceId: string): Promise<Array<{ startsAt: Date; endsAt: Date }>>;
  findArea(areaId: string, now: Date): Promise<AreaRecord | null>;
  createArea(conferenceId: string, input: AreaInput): Promise<{ id: string } | typeof TAKEN>;
  updateArea(areaId: string, patch: AreaPatch): Promise<{ id: string } | typeof TAKEN>;
  deleteArea(areaId: string): Promise<void>;
  findTable(tableId: string, now: Date): Promise<TableRecord | null>;
  createTable(areaId: string, input: TableInput): Promise<{ id: string } | typeof TAKEN>;
  updateTable(tableId: string, patch: { label?: string; seats?: number; areaId?: string }): Promise<{ id: string } | typeof TAKEN>;
  deleteTable(tableId: string): Promise<void>;
  findAttendeeByEmail(email: string): Promise<{ id: string; name: string } | null>;
  attendeeIds(): Promise<string[]>;
  audit(entry: { actorId: string; action: string; subjectType: string; subjectId: string; details: Record<string, unknown> }): Promise<void>;
}

const tableSelect = (now: Date) =>
  ({
    id: true as const,
    label: true as const,
    seats: true as const,
    areaId: true as const,
    _count: { select: { sessions: true as const } },
    sessions: { where: { status: { in: [...LIVE] }, slot: { endsAt: { gt: now } } }, select: { id: true } },
  }) satisfies Prisma.TableSelect;

type TableRow = { id: string; label: string; seats: number; areaId: string; _count: { sessions: number }; sessions: Array<{ id: string }> };

const toTable = (t: TableRow) => ({ id: t.id, label: t.label, seats: t.seats, liveSessions: t.sessions.length, sessions: t._count.sessions });

/** Natural order: A2 before A10. */
const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function organizerRepo(db: Db): OrganizerRepo {
  return {
    currentConference: () => findCurrentConference(db),
    async updateConference(id, data) {
      await db.conference.update({
        where: { id },
        data: { ...data, startDate: dateOf(data.startDate), endDate: dateOf(data.endDate) },
        select: { id: true },
      });
    },
    async replaceHours(conferenceId, hours) {
      await db.$transaction([
        db.mingleHours.deleteMany({ where: { conferenceId } }),
        db.mingleHours.createMany({ data: hours.map((h) => ({ conferenceId, day: dateOf(h.day), opensAt: h.opensAt, closesAt: h.closesAt })) }),
      ]);
    },
    async areas(conferenceId, now) {
      const rows = await db.mingleArea.findMany({
        where: { conferenceId },
        orderBy: { name: "asc" },
        select: { id: true, conferenceId: true, name: true, location: true, tables: { select: tableSelect(now) } },
      });
      return rows.map((a) => ({ ...a, tables: a.tables.map(toTable).sort((x, y) => natural.compare(x.label, y.label)) }));
    },
    slotStarts(conferenceId) {
      return db.mingleSlot.findMany({ where: { conferenceId }, select: { startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" } });
    },
    async findArea(areaId, now) {
      const a = await db.mingleArea.findUnique({
        where: { id: areaId },
        select: { id: true, conferenceId: true, name: true, location: true, tables: { select: tableSelect(now) } },
      });
      return a ? { ...a, tables: a.tables.map(toTable) } : null;
    },
    createArea(conferenceId, input) {
      return uniqueOr(() => db.mingleArea.create({ data: { conferenceId, ...input }, select: { id: true } }));
    },
    updateArea(areaId, patch) {
      return uniqueOr(() => db.mingleArea.update({ where: { id: areaId }, data: patch, select: { id: true } }));
    },
    async deleteArea(areaId) {
      await db.mingleArea.delete({ where: { id: areaId }, select: { id: true } });
    },
    async findTable(tableId, now) {
      const t = await db.table.findUnique({ where: { id: tableId }, select: { ...tableSelect(now), area: { select: { conferenceId: true } } } });
      return t ? { ...toTable(t), areaId: t.areaId, conferenceId: t.area.conferenceId } : null;
    },
    createTable(areaId, input) {
      return uniqueOr(() => db.table.create({ data: { areaId, ...input }, select: { id: true } }));
    },
    updateTable(tableId, patch) {
      return uniqueOr(() => db.table.update({ where: { id: tableId }, data: patch, select: { id: true } }));
    },
    async deleteTable(tableId) {
      await db.table.delete({ where: { id: tableId }, select: { id: true } });
    },
    findAttendeeByEmail(email) {
      return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, name: true } });
    },
    async attendeeIds() {
      return (await db.user.findMany({ where: { role: "ATTENDEE" }, select: { id: true } })).map((u) => u.id);
    },
    async audit(entry) {
      await db.auditEntry.create({ data: { ...entry, details: entry.details as Prisma.InputJsonValue }, select: { id: true } });
    },
  };
}

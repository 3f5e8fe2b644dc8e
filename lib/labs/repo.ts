import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { LIVE_STATUSES, type LabContainers, type LabPatch, type LabRecord, type LabStore, type NewLab } from "@/lib/labs/store";

/** LabStore on PostgreSQL via Prisma. Only this file touches the Lab tables. */
const labSelect = {
  id: true,
  templateName: true,
  status: true,
  failureReason: true,
  engineId: true,
  ownerId: true,
  sessionId: true,
  expiresAt: true,
  createdAt: true,
  updatedAt: true,
  containers: true,
  participants: { select: { userId: true } },
} satisfies Prisma.LabSelect;

type Row = Prisma.LabGetPayload<{ select: typeof labSelect }>;

function toRecord(row: Row): LabRecord {
  const { participants, containers, ...rest } = row;
  return {
    ...rest,
    participantIds: participants.map((p) => p.userId),
    containers: (containers as LabContainers | null) ?? null,
  };
}

function jsonContainers(c: LabContainers | null | undefined) {
  if (c === undefined) return undefined;
  return c === null ? Prisma.DbNull : (c as unknown as Prisma.InputJsonValue);
}

export class PrismaLabStore implements LabStore {
  constructor(private readonly db: Db) {}

  async create(lab: NewLab): Promise<LabRecord> {
    const row = await this.db.lab.create({
      data: {
        id: lab.id,
        templateName: lab.templateName,
        status: lab.status,
        engineId: lab.engineId,
        ownerId: lab.ownerId,
        sessionId: lab.sessionId,
        expiresAt: lab.expiresAt,
        containers: jsonContainers(lab.containers),
        participants: { create: lab.participantIds.map((userId) => ({ userId })) },
      },
      select: labSelect,
    });
    return toRecord(row);
  }

  async get(id: string): Promise<LabRecord | null> {
    const row = await this.db.lab.findUnique({ where: { id }, select: labSelect });
    return row ? toRecord(row) : null;
  }

  async update(id: string, patch: LabPatch): Promise<LabRecord> {
    const row = await this.db.lab.update({
      where: { id },
      data: {
        status: patch.status,
        failureReason: patch.failureReason,
        expiresAt: patch.expiresAt,
        containers: jsonContainers(patch.containers),
      },
      select: labSelect,
    });
    return toRecord(row);
  }

  async listLive(engineId?: string): Promise<LabRecord[]> {
    const rows = await this.db.lab.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, ...(engineId ? { engineId } : {}) },
      select: labSelect,
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toRecord);
  }

  async listExpired(now: Date): Promise<LabRecord[]> {
    const rows = await this.db.lab.findMany({
      where: { status: { in: [...LIVE_STATUSES] }, expiresAt: { lte: now } },
      select: labSelect,
    });
    return rows.map(toRecord);
  }

  async countLiveByOwner(ownerId: string): Promise<number> {
    return this.db.lab.count({ where: { ownerId, status: { in: [...LIVE_STATUSES] } } });
  }

  async templateUsage(limit: number): Promise<{ templateName: string; count: number }[]> {
    const rows = await this.db.lab.groupBy({
      by: ["templateName"],
      _count: { _all: true },
      orderBy: { _count: { templateName: "desc" } },
      take: limit,
    });
    return rows.map((r) => ({ templateName: r.templateName, count: r._count._all }));
  }
}

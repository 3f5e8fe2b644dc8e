import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export const LAB_STATUSES = ["CREATING", "BOOTING", "READY", "STOPPING", "STOPPED", "FAILED", "LOST"] as const;
export type LabStatus = (typeof LAB_STATUSES)[number];
export const LIVE_STATUSES: readonly LabStatus[] = ["CREATING", "BOOTING", "READY", "STOPPING"];

export interface LabContainerInfo {
  name: string;
  id: string;
  role: "pause" | "onboot" | "service";
  interactive: boolean;
}

export interface LabContainers {
  volume: string;
  containers: LabContainerInfo[];
}

export interface LabRecord {
  id: string;
  templateName: string;
  status: LabStatus;
  failureReason: string | null;
  engineId: string;
  /** The lab that took over when this one's host went down or was drained with "move". */
  replacedById: string | null;
  ownerId: string;
  participantIds: string[];
  sessionId: string | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  containers: LabContainers | null;
}

export interface NewLab {
  id: string;
  templateName: string;
  status: LabStatus;
  engineId: string;
  ownerId: string;
  participantIds: string[];
  sessionId: string | null;
  expiresAt: Date;
  containers: LabContainers | null;
}

export type LabPatch = Partial<Pick<LabRecord, "status" | "failureReason" | "containers" | "expiresAt" | "replacedById">>;

/**
 * Where labs are recorded. The engine and the use cases only see this interface: labRepo() below
 * implements it with Prisma (only this file touches the Lab tables); lib/testing/in-memory-lab-repo.ts
 * serves tests and tools that run without a database.
 */
export interface LabRepo {
  create(lab: NewLab): Promise<LabRecord>;
  get(id: string): Promise<LabRecord | null>;
  update(id: string, patch: LabPatch): Promise<LabRecord>;
  /** Labs in a live status (creating, booting, ready, stopping), optionally on one engine. */
  listLive(engineId?: string): Promise<LabRecord[]>;
  /** Live labs whose expiresAt is at or before `now`. */
  listExpired(now: Date): Promise<LabRecord[]>;
  /** Labs on the engine that turned LOST at or after `since` and were not replaced (failover picks them up). */
  listLostSince(engineId: string, since: Date): Promise<LabRecord[]>;
  countLiveByOwner(ownerId: string): Promise<number>;
}

const labSelect = {
  id: true,
  templateName: true,
  status: true,
  failureReason: true,
  engineId: true,
  replacedById: true,
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

export function labRepo(db: Db): LabRepo {
  return {
    async create(lab: NewLab): Promise<LabRecord> {
      const row = await db.lab.create({
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
    },

    async get(id: string): Promise<LabRecord | null> {
      const row = await db.lab.findUnique({ where: { id }, select: labSelect });
      return row ? toRecord(row) : null;
    },

    async update(id: string, patch: LabPatch): Promise<LabRecord> {
      const row = await db.lab.update({
        where: { id },
        data: {
          status: patch.status,
          failureReason: patch.failureReason,
          replacedById: patch.replacedById,
          expiresAt: patch.expiresAt,
          containers: jsonContainers(patch.containers),
        },
        select: labSelect,
      });
      return toRecord(row);
    },

    async listLive(engineId?: string): Promise<LabRecord[]> {
      const rows = await db.lab.findMany({
        where: { status: { in: [...LIVE_STATUSES] }, ...(engineId ? { engineId } : {}) },
        select: labSelect,
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toRecord);
    },

    async listExpired(now: Date): Promise<LabRecord[]> {
      const rows = await db.lab.findMany({
        where: { status: { in: [...LIVE_STATUSES] }, expiresAt: { lte: now } },
        select: labSelect,
      });
      return rows.map(toRecord);
    },

    async listLostSince(engineId: string, since: Date): Promise<LabRecord[]> {
      const rows = await db.lab.findMany({ where: { engineId, status: "LOST", replacedById: null, updatedAt: { gte: since } }, select: labSelect });
      return rows.map(toRecord);
    },

    async countLiveByOwner(ownerId: string): Promise<number> {
      return db.lab.count({ where: { ownerId, status: { in: [...LIVE_STATUSES] } } });
    },
  };
}

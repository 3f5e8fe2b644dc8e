import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HostState } from "./placement";

/** A backing host as recorded (only this file touches the LabHost table). */
export interface HostRecord {
  id: string;
  name: string;
  engineUrl: string;
  state: HostState;
  maxLabs: number;
  maxMemoryMb: number;
  maxCpus: number;
  /** Runtimes it offers (runc, runsc). */
  labels: string[];
  areaId: string | null;
  certNotAfter: Date | null;
  lastError: string | null;
  lastSeenAt: Date | null;
  consecutiveFailures: number;
  dockerVersion: string | null;
  createdAt: Date;
}

export type NewHost = Pick<HostRecord, "name" | "engineUrl" | "maxLabs" | "maxMemoryMb" | "maxCpus" | "labels" | "areaId" | "certNotAfter" | "dockerVersion"> & { id?: string };
export type HostPatch = Partial<Pick<HostRecord, "state" | "labels" | "lastError" | "lastSeenAt" | "consecutiveFailures" | "dockerVersion" | "certNotAfter">>;

export interface HostRepo {
  list(): Promise<HostRecord[]>;
  create(host: NewHost): Promise<HostRecord>;
  update(id: string, patch: HostPatch): Promise<HostRecord | null>;
  remove(id: string): Promise<void>;
}

const select = {
  id: true,
  name: true,
  engineUrl: true,
  state: true,
  maxLabs: true,
  maxMemoryMb: true,
  maxCpus: true,
  labels: true,
  areaId: true,
  certNotAfter: true,
  lastError: true,
  lastSeenAt: true,
  consecutiveFailures: true,
  dockerVersion: true,
  createdAt: true,
} satisfies Prisma.LabHostSelect;

type Row = Prisma.LabHostGetPayload<{ select: typeof select }>;

function toRecord(row: Row): HostRecord {
  const labels = Array.isArray(row.labels) ? row.labels.filter((l): l is string => typeof l === "string") : [];
  return { ...row, labels };
}

export function hostRepo(db: Db): HostRepo {
  return {
    async list() {
      return (await db.labHost.findMany({ select, orderBy: { createdAt: "asc" } })).map(toRecord);
    },
    async create(host) {
      return toRecord(await db.labHost.create({ data: { ...host, labels: host.labels }, select }));
    },
    async update(id, patch) {
      try {
        return toRecord(await db.labHost.update({ where: { id }, data: patch, select }));
      } catch (error) {
        // Removed meanwhile (P2025): nothing to update.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
        throw error;
      }
    },
    async remove(id) {
      await db.labHost.deleteMany({ where: { id } });
    },
  };
}

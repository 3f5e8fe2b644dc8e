/**
 * Where labs are recorded. The service only sees this interface: lib/labs/repo.ts implements it
 * with Prisma, InMemoryLabStore serves tests and tools that run without a database.
 */
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

export type LabPatch = Partial<Pick<LabRecord, "status" | "failureReason" | "containers" | "expiresAt">>;

export interface LabStore {
  create(lab: NewLab): Promise<LabRecord>;
  get(id: string): Promise<LabRecord | null>;
  update(id: string, patch: LabPatch): Promise<LabRecord>;
  /** Labs in a live status (creating, booting, ready, stopping), optionally on one engine. */
  listLive(engineId?: string): Promise<LabRecord[]>;
  /** Live labs whose expiresAt is at or before `now`. */
  listExpired(now: Date): Promise<LabRecord[]>;
  countLiveByOwner(ownerId: string): Promise<number>;
  /** How many labs were launched per template, most used first. */
  templateUsage(limit: number): Promise<{ templateName: string; count: number }[]>;
}

export class InMemoryLabStore implements LabStore {
  readonly labs = new Map<string, LabRecord>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async create(lab: NewLab): Promise<LabRecord> {
    if (this.labs.has(lab.id)) throw new Error(`lab ${lab.id} exists`);
    const at = this.now();
    const rec: LabRecord = { ...lab, failureReason: null, createdAt: at, updatedAt: at };
    this.labs.set(lab.id, rec);
    return structuredClone(rec);
  }

  async get(id: string): Promise<LabRecord | null> {
    const rec = this.labs.get(id);
    return rec ? structuredClone(rec) : null;
  }

  async update(id: string, patch: LabPatch): Promise<LabRecord> {
    const rec = this.labs.get(id);
    if (!rec) throw new Error(`lab ${id} not found`);
    Object.assign(rec, patch, { updatedAt: this.now() });
    return structuredClone(rec);
  }

  async listLive(engineId?: string): Promise<LabRecord[]> {
    return [...this.labs.values()]
      .filter((l) => LIVE_STATUSES.includes(l.status) && (!engineId || l.engineId === engineId))
      .map((l) => structuredClone(l));
  }

  async listExpired(now: Date): Promise<LabRecord[]> {
    return (await this.listLive()).filter((l) => l.expiresAt.getTime() <= now.getTime());
  }

  async countLiveByOwner(ownerId: string): Promise<number> {
    return (await this.listLive()).filter((l) => l.ownerId === ownerId).length;
  }

  async templateUsage(limit: number): Promise<{ templateName: string; count: number }[]> {
    const counts = new Map<string, number>();
    for (const l of this.labs.values()) counts.set(l.templateName, (counts.get(l.templateName) ?? 0) + 1);
    return [...counts].map(([templateName, count]) => ({ templateName, count })).sort((a, b) => b.count - a.count).slice(0, limit);
  }
}

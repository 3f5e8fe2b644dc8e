import { LIVE_STATUSES, type LabPatch, type LabRecord, type LabRepo, type NewLab } from "@/lib/labs/repo";

/** LabRepo in memory, for tests and tools that run without a database. Records are copied in and out. */
export function inMemoryLabRepo(now: () => Date = () => new Date()): LabRepo {
  const labs = new Map<string, LabRecord>();
  const listLive = async (engineId?: string): Promise<LabRecord[]> =>
    [...labs.values()].filter((l) => LIVE_STATUSES.includes(l.status) && (!engineId || l.engineId === engineId)).map((l) => structuredClone(l));
  return {
    async create(lab: NewLab): Promise<LabRecord> {
      if (labs.has(lab.id)) throw new Error(`lab ${lab.id} exists`);
      const at = now();
      const rec: LabRecord = { ...lab, failureReason: null, replacedById: null, createdAt: at, updatedAt: at };
      labs.set(lab.id, rec);
      return structuredClone(rec);
    },

    async get(id: string): Promise<LabRecord | null> {
      const rec = labs.get(id);
      return rec ? structuredClone(rec) : null;
    },

    async update(id: string, patch: LabPatch): Promise<LabRecord> {
      const rec = labs.get(id);
      if (!rec) throw new Error(`lab ${id} not found`);
      Object.assign(rec, patch, { updatedAt: now() });
      return structuredClone(rec);
    },

    listLive,

    async listExpired(at: Date): Promise<LabRecord[]> {
      return (await listLive()).filter((l) => l.expiresAt.getTime() <= at.getTime());
    },

    async listLostSince(engineId: string, since: Date): Promise<LabRecord[]> {
      return [...labs.values()]
        .filter((l) => l.engineId === engineId && l.status === "LOST" && !l.replacedById && l.updatedAt.getTime() >= since.getTime())
        .map((l) => structuredClone(l));
    },

    async countLiveByOwner(ownerId: string): Promise<number> {
      return (await listLive()).filter((l) => l.ownerId === ownerId).length;
    },
  };
}

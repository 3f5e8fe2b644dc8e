import { randomBytes } from "node:crypto";
import type { HostRecord, HostRepo } from "@/lib/hosts/repo";

/** HostRepo in memory, for tests that run without a database. */
export function inMemoryHostRepo(): HostRepo & { rows: Map<string, HostRecord> } {
  const rows = new Map<string, HostRecord>();
  return {
    rows,
    async list() {
      return [...rows.values()].map((r) => structuredClone(r));
    },
    async create(host) {
      const rec: HostRecord = {
        id: host.id ?? `h${randomBytes(6).toString("hex")}`,
        state: "ACTIVE",
        lastError: null,
        lastSeenAt: null,
        consecutiveFailures: 0,
        createdAt: new Date(),
        ...host,
      } as HostRecord;
      rows.set(rec.id, rec);
      return structuredClone(rec);
    },
    async update(id, patch) {
      const rec = rows.get(id);
      if (!rec) return null;
      Object.assign(rec, patch);
      return structuredClone(rec);
    },
    async remove(id) {
      rows.delete(id);
    },
  };
}

import type { CheckResultRecord, CheckResultRepo } from "@/lib/labs/check-results-repo";

/** CheckResultRepo in memory, for tests that run labs without a database. */
export function inMemoryCheckResults(now: () => Date = () => new Date()): CheckResultRepo & { all: CheckResultRecord[] } {
  const all: CheckResultRecord[] = [];
  return {
    all,
    async add(result) {
      const rec = { ...result, createdAt: now() };
      all.push(rec);
      return { ...rec };
    },
    async latest(labId) {
      const last = new Map<string, CheckResultRecord>();
      for (const r of all) if (r.labId === labId) last.set(r.checkName, r);
      return [...last.values()].sort((a, b) => a.checkName.localeCompare(b.checkName));
    },
    async listBySession(sessionId) {
      return all.filter((r) => r.sessionId === sessionId);
    },
  };
}

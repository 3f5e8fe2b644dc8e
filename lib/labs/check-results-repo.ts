import type { Db } from "@/lib/db";

/** One recorded run of a check (LabCheckResult). */
export interface CheckResultRecord {
  labId: string;
  sessionId: string | null;
  checkName: string;
  passed: boolean;
  exitCode: number;
  timedOut: boolean;
  output: string;
  durationMs: number;
  ranById: string;
  createdAt: Date;
}

export type NewCheckResult = Omit<CheckResultRecord, "createdAt">;

/**
 * Where check results are kept: with the lab (gone with it) and its session. The only place the
 * LabCheckResult table is touched; lib/testing/in-memory-check-results.ts serves unit tests.
 */
export interface CheckResultRepo {
  add(result: NewCheckResult): Promise<CheckResultRecord>;
  /** The latest result of each check of the lab. */
  latest(labId: string): Promise<CheckResultRecord[]>;
  /** Every result of the session's labs, oldest first (the recap's record of the work). */
  listBySession(sessionId: string): Promise<CheckResultRecord[]>;
}

const select = {
  labId: true,
  sessionId: true,
  checkName: true,
  passed: true,
  exitCode: true,
  timedOut: true,
  output: true,
  durationMs: true,
  ranById: true,
  createdAt: true,
} as const;

export function checkResultRepo(db: Db): CheckResultRepo {
  return {
    add: (result) => db.labCheckResult.create({ data: result, select }),
    latest: (labId) => db.labCheckResult.findMany({ where: { labId }, distinct: ["checkName"], orderBy: [{ checkName: "asc" }, { createdAt: "desc" }], select }),
    listBySession: (sessionId) => db.labCheckResult.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" }, select }),
  };
}

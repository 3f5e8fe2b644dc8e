import { findCurrentConference } from "@/lib/conference/current-conference";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RecapDeps } from "./recap-deps";
import { recapRepo } from "./repo";

export function recapDeps(overrides: Partial<RecapDeps> = {}): RecapDeps {
  return { repo: recapRepo(db), conference: () => findCurrentConference(db), now: () => new Date(), publicUrl: env().PUBLIC_URL, ...overrides };
}

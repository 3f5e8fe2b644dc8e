import { findCurrentConference } from "@/lib/conference/current-conference";
import { db } from "@/lib/db";
import type { AnalyticsDeps } from "./analytics-scope";
import { analyticsRepo } from "./repo";

export function analyticsDeps(overrides: Partial<AnalyticsDeps> = {}): AnalyticsDeps {
  return { repo: analyticsRepo(db), conference: () => findCurrentConference(db), now: () => new Date(), ...overrides };
}

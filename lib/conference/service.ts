import { ok, type Result } from "@/lib/errors";
import { noConference } from "./current-conference";
import type { ConferenceRepo } from "./repo";
import type { ConferenceView } from "./schema";

export interface ConferenceDeps {
  repo: ConferenceRepo;
}

export async function getConference(deps: ConferenceDeps): Promise<Result<ConferenceView>> {
  const c = await deps.repo.current();
  if (!c) return noConference();
  const { hours, slotMinutes: _slotMinutes, ...conference } = c;
  return ok({ ...conference, mingleHours: hours, areas: await deps.repo.areas(c.id) });
}

/** The header's title; the app still renders when the database is down. */
export async function currentConferenceName(deps: ConferenceDeps): Promise<string> {
  try {
    return (await deps.repo.current())?.name ?? "No conference yet";
  } catch {
    return "Mingle";
  }
}

import { db } from "@/lib/db";
import { fail, ok, type Result } from "@/lib/errors";
import { findCurrentConference } from "./repo";
import type { ConferenceView } from "./schema";

export async function getConference(): Promise<Result<ConferenceView>> {
  const conference = await findCurrentConference(db);
  return conference ? ok(conference) : fail("NOT_FOUND", "No conference is set up yet. An organizer can create one.");
}

/** The header's title; the app still renders when the database is down. */
export async function currentConferenceName(): Promise<string> {
  try {
    const c = await db.conference.findFirst({ orderBy: { startDate: "desc" }, select: { name: true } });
    return c?.name ?? "No conference yet";
  } catch {
    return "Mingle";
  }
}

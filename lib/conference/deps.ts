import { db } from "@/lib/db";
import { conferenceRepo } from "./repo";
import type { ConferenceDeps } from "./service";

export function conferenceDeps(): ConferenceDeps {
  return { repo: conferenceRepo(db) };
}

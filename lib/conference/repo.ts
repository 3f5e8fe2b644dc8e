import type { Db } from "@/lib/db";
import { type CurrentConference, findCurrentConference } from "./current-conference";
import type { ConferenceView } from "./schema";

export type ConferenceArea = ConferenceView["areas"][number];

export interface ConferenceRepo {
  /** The conference the app serves (lib/conference/current-conference.ts). */
  current(): Promise<CurrentConference | null>;
  /** Its areas by name, each with its tables in label order. */
  areas(conferenceId: string): Promise<ConferenceArea[]>;
}

export function conferenceRepo(db: Db): ConferenceRepo {
  return {
    current: () => findCurrentConference(db),
    areas(conferenceId) {
      return db.mingleArea.findMany({
        where: { conferenceId },
        orderBy: { name: "asc" },
        select: { id: true, name: true, location: true, tables: { select: { id: true, label: true, seats: true }, orderBy: { label: "asc" } } },
      });
    },
  };
}

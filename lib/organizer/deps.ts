import { db } from "@/lib/db";
import { defaultNotifier } from "@/lib/notifications/deps";
import { dashboardRepo } from "./dashboard-repo";
import { organizerRepo } from "./repo";
import type { OrganizerDeps } from "./service";
import { syncConferenceSlots } from "./slot-repo";

export function organizerDeps(overrides: Partial<OrganizerDeps> = {}): OrganizerDeps {
  return {
    repo: organizerRepo(db),
    notifier: defaultNotifier(),
    syncSlots: (conferenceId) => syncConferenceSlots(db, conferenceId),
    now: () => new Date(),
    ...overrides,
  };
}

export function dashboardDeps() {
  return { ...organizerDeps(), dashboard: dashboardRepo(db) };
}

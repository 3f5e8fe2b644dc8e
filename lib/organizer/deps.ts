import { bookingDeps } from "@/lib/booking/deps";
import { syncSlots } from "@/lib/booking/sync-slots";
import { db } from "@/lib/db";
import { defaultNotifier } from "@/lib/notifications/deps";
import { dashboardRepo } from "./dashboard-repo";
import { organizerRepo } from "./repo";
import type { OrganizerDeps } from "./service";

export function organizerDeps(overrides: Partial<OrganizerDeps> = {}): OrganizerDeps {
  return {
    repo: organizerRepo(db),
    notifier: defaultNotifier(),
    // One slot sync for the app: booking owns slots (it keeps slots with history, refuses to orphan live sessions).
    syncSlots: (conferenceId) => syncSlots(bookingDeps(), conferenceId),
    now: () => new Date(),
    ...overrides,
  };
}

export function dashboardDeps() {
  return { ...organizerDeps(), dashboard: dashboardRepo(db) };
}

import { db } from "@/lib/db";
import { emitToUser } from "@/lib/realtime/server";
import { notificationRepo } from "./repo";
import { notifier, type NotificationDeps, type Notifier } from "./service";

export function notificationDeps(overrides: Partial<NotificationDeps> = {}): NotificationDeps {
  return { notifications: notificationRepo(db), emit: emitToUser, now: () => new Date(), ...overrides };
}

/** The default Notifier: PostgreSQL row + socket.io push to the user's room. */
export function defaultNotifier(): Notifier {
  return notifier(notificationDeps());
}

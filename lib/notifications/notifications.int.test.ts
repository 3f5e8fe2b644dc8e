import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { UserView } from "@/lib/auth/schema";
import { notificationRepo } from "./repo";
import { createNotification, listInbox, markRead, unreadCount, type NotificationDeps } from "./service";

// DATABASE_URL points at the fresh, migrated test database (tests/global-setup.ts).
const db = createPrismaClient(process.env.DATABASE_URL);
const emitted: Array<{ userId: string; event: string; payload: unknown }> = [];
const deps: NotificationDeps = {
  notifications: notificationRepo(db),
  emit: (userId, event, payload) => emitted.push({ userId, event, payload }),
  now: () => new Date(),
};

let ada: UserView;
let bob: UserView;

beforeAll(async () => {
  const stamp = Date.now().toString(36);
  const make = async (name: string) => {
    const u = await db.user.create({ data: { email: `${name}-${stamp}@x.test`, name }, select: { id: true, email: true, name: true } });
    return { ...u, role: "ATTENDEE" as const };
  };
  ada = await make("ada");
  bob = await make("bob");
});

afterAll(() => db.$disconnect());

describe("notifications on PostgreSQL", () => {
  it("a dedupe key is delivered once, even when 20 senders race", async () => {
    emitted.length = 0;
    const n = { kind: "SESSION_SOON", title: "Starts in 15 minutes", dedupeKey: `soon:s1:${ada.id}` };
    const results = await Promise.all(Array.from({ length: 20 }, () => createNotification(deps, ada.id, n)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.notification.count({ where: { dedupeKey: n.dedupeKey } })).toBe(1);
    expect(emitted.filter((e) => e.event === "notification:new")).toHaveLength(1);
  });

  it("counts unread per user, marks one and then all read, and ignores other people's ids", async () => {
    const a1 = await createNotification(deps, ada.id, { kind: "REQUEST_NEW", title: "Bob asks", link: "/sessions" });
    await createNotification(deps, ada.id, { kind: "REQUEST_ACCEPTED", title: "Carol accepted" });
    const b1 = await createNotification(deps, bob.id, { kind: "REQUEST_NEW", title: "For Bob" });
    expect(await unreadCount(deps, ada)).toEqual({ ok: true, value: { unread: 3 } });
    expect(await unreadCount(deps, bob)).toEqual({ ok: true, value: { unread: 1 } });

    emitted.length = 0;
    expect(await markRead(deps, ada, { ids: [a1!.id, b1!.id] })).toEqual({ ok: true, value: { marked: 1, unread: 2 } });
    expect(emitted).toEqual([{ userId: ada.id, event: "notification:read", payload: { ids: [a1!.id], unread: 2 } }]);
    expect((await unreadCount(deps, bob)).ok && (await unreadCount(deps, bob))).toEqual({ ok: true, value: { unread: 1 } });

    expect(await markRead(deps, ada, { all: true })).toEqual({ ok: true, value: { marked: 2, unread: 0 } });
    expect(await db.notification.count({ where: { userId: ada.id, readAt: null } })).toBe(0);
    expect(await db.notification.count({ where: { userId: bob.id, readAt: null } })).toBe(1);
  });

  it("pages the inbox newest first", async () => {
    for (let i = 1; i <= 5; i++) await createNotification(deps, bob.id, { kind: "ANNOUNCEMENT", title: `#${i}` });
    const first = await listInbox(deps, bob, { limit: 4, unreadOnly: false });
    if (!first.ok) throw new Error(first.message);
    expect(first.value.items.map((i) => i.title)).toEqual(["#5", "#4", "#3", "#2"]);
    const rest = await listInbox(deps, bob, { limit: 4, cursor: first.value.nextCursor!, unreadOnly: false });
    if (!rest.ok) throw new Error(rest.message);
    expect(rest.value.items.map((i) => i.title)).toEqual(["#1", "For Bob"]);
    expect(rest.value).toMatchObject({ nextCursor: null, unread: 6 });
  });
});

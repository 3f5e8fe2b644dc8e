import { describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import type { NewNotificationRow, NotificationRepo } from "./repo";
import type { NotificationView } from "./schema";
import { createNotification, listInbox, markRead, notifier, type NotificationDeps } from "./service";

/** An in-memory repository with the same contract as the Prisma one. */
function fakeRepo(): NotificationRepo & { rows: Array<NotificationView & { userId: string; dedupeKey?: string }> } {
  const rows: Array<NotificationView & { userId: string; dedupeKey?: string }> = [];
  let n = 0;
  return {
    rows,
    async create(userId: string, input: NewNotificationRow) {
      if (input.dedupeKey && rows.some((r) => r.dedupeKey === input.dedupeKey)) return null;
      n += 1;
      const row = {
        id: `n${String(n).padStart(3, "0")}`,
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        sessionId: input.sessionId ?? null,
        dedupeKey: input.dedupeKey,
        readAt: null,
        createdAt: new Date(Date.UTC(2026, 3, 18, 12, 0, n)).toISOString(),
      };
      rows.push(row);
      const { userId: _u, dedupeKey: _d, ...view } = row;
      return { notification: view, unread: rows.filter((r) => r.userId === userId && !r.readAt).length };
    },
    async list(userId, { cursor, limit, unreadOnly }) {
      let mine = rows.filter((r) => r.userId === userId && (!unreadOnly || !r.readAt)).reverse();
      if (cursor) mine = mine.slice(mine.findIndex((r) => r.id === cursor) + 1);
      return mine.slice(0, limit).map(({ userId: _u, dedupeKey: _d, ...v }) => v);
    },
    async unreadCount(userId) {
      return rows.filter((r) => r.userId === userId && !r.readAt).length;
    },
    async markRead(userId, ids, at) {
      const hit = rows.filter((r) => r.userId === userId && ids.includes(r.id) && !r.readAt);
      for (const r of hit) r.readAt = at.toISOString();
      return hit.map((r) => r.id);
    },
    async markAllRead(userId, at) {
      const hit = rows.filter((r) => r.userId === userId && !r.readAt);
      for (const r of hit) r.readAt = at.toISOString();
      return hit.length;
    },
  };
}

function setup() {
  const repo = fakeRepo();
  const emitted: Array<{ userId: string; event: string; payload: unknown }> = [];
  const deps: NotificationDeps = {
    notifications: repo,
    emit: (userId, event, payload) => emitted.push({ userId, event, payload }),
    now: () => new Date("2026-04-18T13:00:00Z"),
  };
  return { repo, emitted, deps };
}

const ada: UserView = { id: "ada", email: "ada@x.test", name: "Ada", role: "ATTENDEE" };

describe("notifications service", () => {
  it("stores, then pushes the row and the new unread count to the user's room", async () => {
    const { deps, emitted } = setup();
    await createNotification(deps, "ada", { kind: "REQUEST_NEW", title: "Bob asks for a session", link: "/sessions/s1" });
    await createNotification(deps, "ada", { kind: "REQUEST_NEW", title: "Carol asks too" });
    expect(emitted).toHaveLength(2);
    expect(emitted[1]).toMatchObject({ userId: "ada", event: "notification:new", payload: { unread: 2, notification: { title: "Carol asks too", body: "" } } });
  });

  it("delivers a dedupe key at most once", async () => {
    const { deps, emitted, repo } = setup();
    const n = { kind: "SESSION_SOON", title: "Starts in 15 minutes", dedupeKey: "soon:s1:ada" };
    expect(await createNotification(deps, "ada", n)).not.toBeNull();
    expect(await createNotification(deps, "ada", n)).toBeNull();
    expect(repo.rows).toHaveLength(1);
    expect(emitted).toHaveLength(1);
  });

  it("refuses links to other sites (a bug in the caller, so it throws)", async () => {
    const { deps } = setup();
    for (const link of ["https://evil.test", "//evil.test/x", "javascript:alert(1)"]) {
      await expect(createNotification(deps, "ada", { kind: "REQUEST_NEW", title: "x", link })).rejects.toThrow();
    }
  });

  it("the Notifier never breaks its caller", async () => {
    const { deps } = setup();
    deps.notifications.create = async () => {
      throw new Error("database down");
    };
    await expect(notifier(deps).notify("ada", { kind: "REQUEST_NEW", title: "x" })).resolves.toBeUndefined();
  });

  it("pages newest first with a cursor", async () => {
    const { deps } = setup();
    for (let i = 1; i <= 5; i++) await createNotification(deps, "ada", { kind: "ANNOUNCEMENT", title: `#${i}` });
    await createNotification(deps, "bob", { kind: "ANNOUNCEMENT", title: "not Ada's" });
    const first = await listInbox(deps, ada, { limit: 2, unreadOnly: false });
    expect(first.ok && first.value.items.map((i) => i.title)).toEqual(["#5", "#4"]);
    const second = first.ok ? await listInbox(deps, ada, { limit: 2, cursor: first.value.nextCursor!, unreadOnly: false }) : null;
    expect(second?.ok && second.value.items.map((i) => i.title)).toEqual(["#3", "#2"]);
    const last = second?.ok ? await listInbox(deps, ada, { limit: 2, cursor: second.value.nextCursor!, unreadOnly: false }) : null;
    expect(last?.ok && last.value).toMatchObject({ nextCursor: null, unread: 5 });
  });

  it("marks read only the user's own, and tells the other tabs", async () => {
    const { deps, emitted, repo } = setup();
    const mine = await createNotification(deps, "ada", { kind: "ANNOUNCEMENT", title: "a" });
    await createNotification(deps, "ada", { kind: "ANNOUNCEMENT", title: "b" });
    const bobs = await createNotification(deps, "bob", { kind: "ANNOUNCEMENT", title: "c" });
    emitted.length = 0;
    const res = await markRead(deps, ada, { ids: [mine!.id, bobs!.id] });
    expect(res).toEqual({ ok: true, value: { marked: 1, unread: 1 } });
    expect(repo.rows.find((r) => r.id === bobs!.id)?.readAt).toBeNull();
    expect(emitted).toEqual([{ userId: "ada", event: "notification:read", payload: { ids: [mine!.id], unread: 1 } }]);

    const all = await markRead(deps, ada, { all: true });
    expect(all).toEqual({ ok: true, value: { marked: 1, unread: 0 } });
    expect(emitted.at(-1)).toEqual({ userId: "ada", event: "notification:read", payload: { ids: "all", unread: 0 } });
    // Nothing left to mark: no event, the badges already agree.
    await markRead(deps, ada, { all: true });
    expect(emitted).toHaveLength(2);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { labRepo } from "@/lib/labs/repo";

// DATABASE_URL points at the fresh, migrated test database (tests/global-setup.ts).
const db = createPrismaClient(process.env.DATABASE_URL);
const store = labRepo(db);

afterAll(async () => {
  await db.$disconnect();
});

describe("labRepo", () => {
  it("creates, updates and lists labs with participants and container info", async () => {
    const stamp = Date.now().toString(36);
    const owner = await db.user.create({ data: { email: `o-${stamp}@x.test`, name: "Owner" }, select: { id: true } });
    const guest = await db.user.create({ data: { email: `g-${stamp}@x.test`, name: "Guest" }, select: { id: true } });
    const past = new Date(Date.now() - 1000);
    const lab = await store.create({
      id: `l${stamp}`,
      templateName: "shell",
      status: "CREATING",
      engineId: "local",
      ownerId: owner.id,
      participantIds: [guest.id],
      sessionId: null,
      expiresAt: past,
      containers: null,
    });
    expect(lab).toMatchObject({ status: "CREATING", participantIds: [guest.id], containers: null, failureReason: null });

    const containers = { volume: "v", containers: [{ name: "shell", id: "abc", role: "service" as const, interactive: true }] };
    const ready = await store.update(lab.id, { status: "READY", containers });
    expect(ready.containers).toEqual(containers);
    expect(await store.countLiveByOwner(owner.id)).toBe(1);
    expect((await store.listLive("local")).map((l) => l.id)).toContain(lab.id);
    expect((await store.listLive("elsewhere")).map((l) => l.id)).not.toContain(lab.id);
    expect((await store.listExpired(new Date())).map((l) => l.id)).toContain(lab.id);

    const failed = await store.update(lab.id, { status: "FAILED", failureReason: "boom" });
    expect(failed).toMatchObject({ status: "FAILED", failureReason: "boom" });
    expect(await store.countLiveByOwner(owner.id)).toBe(0);
    expect(await store.get("missing")).toBeNull();
  });
});

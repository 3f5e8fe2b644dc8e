import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { LABEL } from "@/lib/labs/container-spec";
import { PrismaLabStore } from "@/lib/labs/repo";
import { LabService } from "@/lib/labs/service";
import { loadTemplates } from "@/lib/labs/templates";
import { ensureTestEngine } from "@/lib/testing/docker";
import { sessionLabLauncher } from "./deps";

// "Open lab" from a session on the real engine and database: both people tapping it at once get
// the same lab, with both as participants and the slot's end (plus grace) as its end of life.
const db = createPrismaClient(process.env.DATABASE_URL);
let engine: Engine;
let service: LabService;
let store: PrismaLabStore;

beforeAll(async () => {
  engine = await ensureTestEngine();
  store = new PrismaLabStore(db);
  const { templates } = loadTemplates("labs/templates");
  service = new LabService({ store, engine: () => engine, templates: () => templates, maxLabsPerUser: 1, defaultEngineId: "it-session-lab" });
}, 120_000);

afterAll(async () => {
  for (const lab of await store.listLive("it-session-lab")) await service.stop(lab.id, "test over");
  await db.$disconnect();
});

describe("session labs", () => {
  it("one lab per session, whoever taps first", async () => {
    const stamp = Date.now().toString(36);
    const [ada, bob] = await Promise.all(
      ["ada", "bob"].map((name) => db.user.create({ data: { email: `${name}-${stamp}@session-lab.test`, name }, select: { id: true } })),
    );
    const launcher = sessionLabLauncher(() => ({ service, store }));
    const sessionId = `session-${stamp}`;
    const expiresAt = new Date(Date.now() + 45 * 60_000);
    const common = { templateName: "shell", participantIds: [ada!.id, bob!.id], sessionId, expiresAt };
    const [first, second] = await Promise.all([launcher.launch({ ...common, ownerId: ada!.id }), launcher.launch({ ...common, ownerId: bob!.id })]);
    expect(first.ok && second.ok).toBe(true);
    const labId = first.ok ? first.value.labId : "";
    expect(second.ok && second.value.labId).toBe(labId);

    const lab = await store.get(labId);
    expect(lab?.sessionId).toBe(sessionId);
    expect(lab?.participantIds).toEqual(expect.arrayContaining([ada!.id, bob!.id]));
    expect(lab?.expiresAt.getTime()).toBe(expiresAt.getTime());
    const live = (await store.listLive("it-session-lab")).filter((l) => l.sessionId === sessionId);
    expect(live).toHaveLength(1);

    await service.stop(labId, "test over");
    expect(await engine.listContainers({ [LABEL.lab]: labId })).toEqual([]);
  });
});

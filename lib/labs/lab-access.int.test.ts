import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { Engine } from "@/lib/docker/engine";
import { statusFor } from "@/lib/http";
import { LABEL } from "@/lib/labs/container-spec";
import { getLab } from "@/lib/labs/get-lab";
import type { LabEngine } from "@/lib/labs/lab-engine";
import { createLabServices } from "@/lib/labs/lab-services";
import { launchLab } from "@/lib/labs/launch-lab";
import { listLabs } from "@/lib/labs/list-labs";
import { labRepo } from "@/lib/labs/repo";
import type { LabWatchAck } from "@/lib/labs/schema";
import { handleLabSocket } from "@/lib/labs/socket";
import { stopLab } from "@/lib/labs/stop-lab";
import { loadTemplates } from "@/lib/labs/templates";
import type { LabUseCaseDeps } from "@/lib/labs/use-case-deps";
import type { MingleSocket } from "@/lib/realtime/server";
import { ensureTestEngine } from "@/lib/testing/docker";
import { testLabUseCaseDeps } from "@/lib/testing/lab-use-case-deps";

// Real PostgreSQL (fresh test database) and real Docker Engine, through the use cases the HTTP
// routes call and the socket handler the server registers.
const db = createPrismaClient(process.env.DATABASE_URL);
const { templates } = loadTemplates("labs/templates");
let engine: Engine;
let deps: LabUseCaseDeps;
let service: LabEngine;

type U = { id: string; name: string; role: "ATTENDEE" | "ORGANIZER" };
async function user(name: string, role: U["role"] = "ATTENDEE"): Promise<U> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return db.user.create({ data: { email: `${name}-${stamp}@labs.test`, name, role }, select: { id: true, name: true, role: true } });
}

/** A socket double: records handlers, answers joins; calls go through handleLabSocket. */
function fakeSocket(u: U) {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const rooms = new Set<string>();
  const socket = {
    data: { userId: u.id, role: u.role, name: u.name },
    on: (event: string, fn: (...args: unknown[]) => unknown) => handlers.set(event, fn),
    join: async (room: string) => void rooms.add(room),
    leave: async (room: string) => void rooms.delete(room),
  };
  handleLabSocket(socket as unknown as MingleSocket, () => deps);
  const emit = (event: string, payload: unknown) => new Promise<LabWatchAck>((resolve) => void handlers.get(event)!(payload, resolve));
  return { emit, rooms };
}

beforeAll(async () => {
  engine = await ensureTestEngine();
  const store = labRepo(db);
  service = createLabServices({ repo: store, engine: () => engine, templates: () => templates, maxLabsPerUser: 1, defaultEngineId: "it-use-cases" }).labs;
  deps = testLabUseCaseDeps(db, service, templates, "it-use-cases");
});

afterAll(async () => {
  for (const lab of await labRepo(db).listLive()) await service.stop(lab.id);
  await db.$disconnect();
});

async function untilStatus(labId: string, owner: U, status: string, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const r = await getLab(deps, owner, labId);
    if (r.ok && r.value.status === status) return r.value;
    if (Date.now() > end) throw new Error(`lab ${labId} did not reach ${status}: ${JSON.stringify(r)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("who may use a lab, through the use cases, on the real engine and database", () => {
  it("lets participants and organizers in, refuses everyone else on HTTP and socket, and stops for real", async () => {
    const owner = await user("Owner");
    const stranger = await user("Stranger");
    const organizer = await user("Organizer", "ORGANIZER");

    const launched = await launchLab(deps, owner, { template: "shell" });
    expect(launched.ok).toBe(true);
    if (!launched.ok) return;
    expect(launched.value.status).toBe("CREATING");
    expect(launched.value.ownerName).toBe("Owner");
    const labId = launched.value.id;
    const ready = await untilStatus(labId, owner, "READY");
    expect(ready.viewer).toEqual({ participant: true, canType: true, canStop: true });

    // A second running lab for the same user: 409, naming the running one.
    const again = await launchLab(deps, owner, { template: "shell" });
    expect(again).toMatchObject({ ok: false, code: "LAB_LIMIT_REACHED", fields: { labId } });
    expect(statusFor("LAB_LIMIT_REACHED")).toBe(409);
    if (!again.ok) expect(again.message).toContain(labId);

    // Someone else: 403 on view and stop, socket ack error, not in any list.
    const seen = await getLab(deps, stranger, labId);
    expect(seen).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(statusFor("FORBIDDEN")).toBe(403);
    expect(await stopLab(deps, stranger, labId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const strangerSocket = fakeSocket(stranger);
    expect(await strangerSocket.emit("lab:watch", { labId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(strangerSocket.rooms.has(`lab:${labId}`)).toBe(false);
    expect(await strangerSocket.emit("lab:watch", { labId: "../etc" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect((await listLabs(deps, stranger, "mine")).ok && (await listLabs(deps, stranger, "mine"))).toMatchObject({ value: { labs: [] } });
    expect(await listLabs(deps, stranger, "all")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await engine.listContainers({ [LABEL.lab]: labId })).length).toBeGreaterThan(0);

    // The owner and an organizer may watch; the organizer read-only.
    const ownerSocket = fakeSocket(owner);
    expect(await ownerSocket.emit("lab:watch", { labId })).toMatchObject({ ok: true, lab: { id: labId, viewer: { canType: true } } });
    expect(ownerSocket.rooms.has(`lab:${labId}`)).toBe(true);
    const organizerSocket = fakeSocket(organizer);
    expect(await organizerSocket.emit("lab:watch", { labId })).toMatchObject({ ok: true, lab: { viewer: { participant: false, canType: false, canStop: true } } });
    const all = await listLabs(deps, organizer, "all");
    expect(all.ok && all.value.labs.map((l) => l.id)).toContain(labId);

    // The organizer stops it: containers gone, the reason says who.
    const stopped = await stopLab(deps, organizer, labId);
    expect(stopped).toMatchObject({ ok: true, value: { status: "STOPPED" } });
    expect(await engine.listContainers({ [LABEL.lab]: labId })).toEqual([]);
    expect((await getLab(deps, owner, labId)).ok && (await getLab(deps, owner, labId))).toMatchObject({ value: { failureReason: "stopped by organizer Organizer" } });
  });

  it("answers unknown templates and a missing engine runtime clearly", async () => {
    const u = await user("Picky");
    const unknown = await launchLab(deps, u, { template: "nope" });
    expect(unknown).toMatchObject({ ok: false, code: "TEMPLATE_NOT_FOUND" });
    if (!unknown.ok) expect(unknown.message).toContain("shell");
    const noGvisor = await launchLab({ ...deps, engineStatus: async () => ({ ok: true, engine: "x", runtimes: ["runc"] }) }, u, { template: "gvisor-shell" });
    expect(noGvisor).toMatchObject({ ok: false, code: "ENGINE_UNAVAILABLE" });
    const down = await launchLab({ ...deps, engineStatus: async () => ({ ok: false, engine: "x", runtimes: [], reason: "Labs are unavailable: no Docker Engine answers" }) }, u, {
      template: "shell",
    });
    expect(down).toMatchObject({ ok: false, code: "ENGINE_UNAVAILABLE", message: "Labs are unavailable: no Docker Engine answers" });
    expect(statusFor("ENGINE_UNAVAILABLE")).toBe(503);
  });
});

import { describe, expect, it } from "vitest";
import { ok, fail } from "@/lib/errors";
import { createAdmission } from "@/lib/overload/admission";
import { acceptRequest } from "./accept-request";
import type { TableRow } from "./repo";
import { respond } from "./respond-to-request";
import { bob, carol, pending, setup, TABLES } from "./test-fakes";

describe("accept", () => {
  it("tries the next table when the first one was taken meanwhile (TABLE_TAKEN), then tells the requester", async () => {
    let row = pending();
    const writes: (string | null)[] = [];
    const { deps, notes, emitted } = setup({
      session: async () => row,
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async (t) => {
        writes.push(t.next.tableId);
        if (t.next.tableId === "t1") return fail("TABLE_TAKEN", "taken");
        row = { ...row, ...t.next, table: { id: "t2", label: "T2", area: { id: "a", name: "Hall A", location: "Level 1" } } };
        return ok(undefined);
      },
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r.ok && r.value.table?.label).toBe("T2");
    expect(writes).toEqual(["t1", "t2"]); // natural order first, then the next free one
    expect(notes).toEqual([expect.objectContaining({ userId: "ada", n: expect.objectContaining({ kind: "REQUEST_ACCEPTED" }) })]);
    expect(emitted).toEqual(["booking:changed:ada", "booking:changed:bob", "availability:changed"]);
  });

  it("keeps going through lost table races however many people accept at once, until a table is free", async () => {
    const many: TableRow[] = Array.from({ length: 40 }, (_, i) => ({ id: `t${i + 1}`, label: `T${i + 1}`, seats: 2, areaId: "a", areaName: "Hall A", location: "Level 1" }));
    let row = pending();
    const writes: (string | null)[] = [];
    const { deps } = setup({
      session: async () => row,
      tables: async () => many,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async (t) => {
        writes.push(t.next.tableId);
        // 30 other experts won the first 30 tables a moment earlier.
        if (writes.length <= 30) return fail("TABLE_TAKEN", "taken");
        row = { ...row, ...t.next, table: { id: t.next.tableId!, label: "T31", area: { id: "a", name: "Hall A", location: "Level 1" } } };
        return ok(undefined);
      },
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r.ok && r.value.table?.label).toBe("T31");
    expect(new Set(writes).size).toBe(31);
  });

  it("says NO_TABLE_FREE once every table was lost to someone else", async () => {
    const { deps } = setup({
      session: async () => pending(),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async () => fail("TABLE_TAKEN", "taken"),
    });
    expect(await respond(deps, bob, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
  });

  it("a lost compare-and-set re-reads the row and reports what happened (declined meanwhile → NOT_PENDING)", async () => {
    let reads = 0;
    const { deps, notes } = setup({
      session: async () => (reads++ === 0 ? pending() : pending({ status: "DECLINED", holdExpiresAt: null, sequence: 1 })),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(),
      preferredAreaId: async () => null,
      applyTransition: async () => fail("STALE_STATE", "stale"),
    });
    const r = await respond(deps, bob, "s1", { action: "accept" });
    expect(r).toMatchObject({ ok: false, code: "NOT_PENDING" });
    expect(notes).toEqual([]);
  });

  it("someone else's request is refused before any table is looked at", async () => {
    const { deps } = setup({ session: async () => pending() });
    expect(await respond(deps, carol, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NOT_YOUR_REQUEST" });
  });

  it("no free table → NO_TABLE_FREE, recorded for the organizer's analytics", async () => {
    const misses: unknown[] = [];
    const { deps } = setup({
      session: async () => pending(),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(["t1", "t2"]),
      preferredAreaId: async () => null,
      recordNoTableFree: async (miss) => void misses.push(miss),
    });
    expect(await respond(deps, bob, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
    expect(misses).toEqual([expect.objectContaining({ slotId: pending().slotId, sessionId: "s1" })]);
  });

  it("a record that cannot be written does not change the answer", async () => {
    const { deps } = setup({
      session: async () => pending(),
      tables: async () => TABLES,
      takenTableIds: async () => new Set(["t1", "t2"]),
      preferredAreaId: async () => null,
      recordNoTableFree: async () => {
        throw new Error("database gone");
      },
    });
    expect(await respond(deps, bob, "s1", { action: "accept" })).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
  });
});

describe("acceptRequest under a full admission gate", () => {
  it("answers OVERLOADED without reading or writing anything", async () => {
    let reads = 0;
    const { deps } = setup({
      session: async () => {
        reads++;
        return pending();
      },
    });
    const full = createAdmission({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 0 });
    void full.run(() => new Promise<never>(() => undefined)); // holds the only place
    const r = await acceptRequest({ ...deps, writes: full }, bob, "s1");
    expect(r).toMatchObject({ ok: false, code: "OVERLOADED" });
    expect(reads).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import {
  accept,
  answerDeadline,
  cancel,
  checkPendingLimit,
  checkReason,
  decline,
  expire,
  holdExpiry,
  MAX_PROPOSALS,
  openRequest,
  pickTable,
  propose,
  reassignTable,
  type SessionState,
  type TableCandidate,
} from "./rules";

const now = new Date("2026-04-18T12:00:00Z");
const slot = { slotId: "slot-1", startUtc: new Date("2026-04-18T19:30:00Z"), endUtc: new Date("2026-04-18T19:50:00Z") };
const other = { slotId: "slot-2", startUtc: new Date("2026-04-18T19:50:00Z"), endUtc: new Date("2026-04-18T20:10:00Z") };
const requester = { userId: "u-req", isOrganizer: false };
const expert = { userId: "u-exp", isOrganizer: false };
const stranger = { userId: "u-x", isOrganizer: false };
const organizer = { userId: "u-org", isOrganizer: true };
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

function pending(overrides: Partial<SessionState> = {}): SessionState {
  const r = openRequest({ id: "s1", requesterId: "u-req", expertId: "u-exp", slot, now, holdMinutes: 60, pendingCount: 0, maxPending: 5 });
  if (!r.ok) throw new Error(r.message);
  return { ...r.value, ...overrides };
}

function value<T>(r: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

describe("openRequest", () => {
  it("starts PENDING, awaiting the expert, with a hold and sequence 0", () => {
    expect(pending()).toMatchObject({ status: "PENDING", awaiting: "EXPERT", sequence: 0, tableId: null, holdExpiresAt: minutes(60) });
  });

  it("refuses booking yourself and enforces the pending limit", () => {
    const base = { id: "s", slot, now, holdMinutes: 60, maxPending: 3 };
    expect(openRequest({ ...base, requesterId: "a", expertId: "a", pendingCount: 0 })).toMatchObject({ code: "CANNOT_BOOK_SELF" });
    expect(openRequest({ ...base, requesterId: "a", expertId: "b", pendingCount: 3 })).toMatchObject({ code: "PENDING_LIMIT_REACHED" });
    expect(openRequest({ ...base, requesterId: "a", expertId: "b", pendingCount: 2 }).ok).toBe(true);
  });
});

describe("holdExpiry", () => {
  it("never outlasts the slot start", () => {
    expect(holdExpiry(now, 60, slot)).toEqual(minutes(60));
    expect(holdExpiry(now, 24 * 60, slot)).toEqual(slot.startUtc);
  });

  it("gives a walk-up into the running slot until the last walk-up minutes", () => {
    const running = { startUtc: minutes(-5), endUtc: minutes(25) };
    expect(answerDeadline(running, now, 10)).toEqual(minutes(15));
    expect(holdExpiry(now, 60, running, 10)).toEqual(minutes(15));
    expect(holdExpiry(now, 3, running, 10)).toEqual(minutes(3));
    expect(answerDeadline(slot, now, 10)).toEqual(slot.startUtc);
  });

  it("a walk-up request can be accepted before its deadline and not after", () => {
    const running = { slotId: "slot-now", startUtc: minutes(-5), endUtc: minutes(25) };
    const walkup = value(openRequest({ id: "w", requesterId: "u-req", expertId: "u-exp", slot: running, now, holdMinutes: 60, pendingCount: 0, maxPending: 5, walkupMinutes: 10 }));
    expect(walkup.holdExpiresAt).toEqual(minutes(15));
    expect(accept(walkup, expert, minutes(14), "t1").ok).toBe(true);
    expect(accept(walkup, expert, minutes(15), "t1")).toMatchObject({ ok: false, code: "HOLD_EXPIRED" });
  });
});

describe("accept", () => {
  it("lets the awaited expert accept, assigning the table and bumping sequence", () => {
    const t = value(accept(pending(), expert, now, "table-1"));
    expect(t).toMatchObject({ from: "PENDING", fromSequence: 0 });
    expect(t.next).toMatchObject({ status: "ACCEPTED", tableId: "table-1", holdExpiresAt: null, sequence: 1 });
  });

  it.each([
    ["a stranger", stranger, pending(), now, "NOT_YOUR_REQUEST"],
    ["an organizer on their behalf", organizer, pending(), now, "NOT_YOUR_REQUEST"],
    ["the requester (not their turn)", requester, pending(), now, "NOT_YOUR_TURN"],
    ["anyone once declined", expert, pending({ status: "DECLINED" }), now, "NOT_PENDING"],
    ["anyone once accepted", expert, pending({ status: "ACCEPTED" }), now, "NOT_PENDING"],
    ["after the hold ran out", expert, pending(), minutes(60), "HOLD_EXPIRED"],
  ])("refuses %s", (_, actor, state, at, code) => {
    expect(accept(state, actor, at, "t")).toMatchObject({ ok: false, code });
  });
});

describe("decline", () => {
  it("closes with the trimmed reason", () => {
    expect(value(decline(pending(), expert, now, "  at a talk then  ")).next).toMatchObject({ status: "DECLINED", closedReason: "at a talk then" });
  });

  it("rejects a 10,000-character reason with a clear message", () => {
    const r = decline(pending(), expert, now, "x".repeat(10_000));
    expect(r).toMatchObject({ ok: false, code: "REASON_TOO_LONG", fields: { reason: expect.any(String) } });
    expect(!r.ok && r.message).toContain("10,000");
  });
});

describe("propose", () => {
  it("moves the slot, passes the turn, restarts the hold", () => {
    const later = minutes(10);
    const t = value(propose(pending(), expert, later, other, 60));
    expect(t.next).toMatchObject({ status: "PENDING", slotId: "slot-2", awaiting: "REQUESTER", proposalCount: 1, sequence: 1 });
    expect(t.next.holdExpiresAt).toEqual(new Date(later.getTime() + 60 * 60_000));
    // Now the requester answers and the expert waits.
    expect(accept(t.next, expert, later, "t")).toMatchObject({ code: "NOT_YOUR_TURN" });
    expect(value(accept(t.next, requester, later, "t")).next.status).toBe("ACCEPTED");
    const back = value(propose(t.next, requester, later, slot, 60)).next;
    expect(back).toMatchObject({ awaiting: "EXPERT", slotId: "slot-1", proposalCount: 2, sequence: 2 });
  });

  it("refuses the same slot and endless ping-pong", () => {
    expect(propose(pending(), expert, now, slot, 60)).toMatchObject({ code: "SAME_SLOT" });
    expect(propose(pending({ proposalCount: MAX_PROPOSALS }), expert, now, other, 60)).toMatchObject({ code: "PROPOSAL_LIMIT_REACHED" });
  });
});

describe("cancel", () => {
  it("lets the requester withdraw a pending request without a reason", () => {
    expect(value(cancel(pending(), requester, now)).next).toMatchObject({ status: "CANCELLED", closedReason: null, sequence: 1 });
  });

  it("needs a reason to cancel an accepted session, from either side", () => {
    const accepted = pending({ status: "ACCEPTED", tableId: "t", holdExpiresAt: null });
    expect(cancel(accepted, expert, now)).toMatchObject({ code: "REASON_REQUIRED" });
    expect(cancel(accepted, requester, now, "   ")).toMatchObject({ code: "REASON_REQUIRED" });
    expect(value(cancel(accepted, requester, now, "flight moved")).next).toMatchObject({ status: "CANCELLED", closedReason: "flight moved" });
  });

  it("lets an organizer cancel with a reason, not a stranger", () => {
    expect(cancel(pending(), organizer, now)).toMatchObject({ code: "REASON_REQUIRED" });
    expect(value(cancel(pending(), organizer, now, "area closed")).next.status).toBe("CANCELLED");
    expect(cancel(pending(), stranger, now, "x")).toMatchObject({ code: "NOT_YOUR_REQUEST" });
  });

  it("refuses closed or finished sessions", () => {
    expect(cancel(pending({ status: "EXPIRED" }), requester, now)).toMatchObject({ code: "NOT_LIVE" });
    expect(cancel(pending({ status: "ACCEPTED" }), requester, slot.endUtc, "late")).toMatchObject({ code: "SESSION_OVER" });
  });
});

describe("expire", () => {
  it("expires a pending request only once its hold has run out", () => {
    expect(expire(pending(), minutes(59))).toMatchObject({ code: "HOLD_NOT_EXPIRED" });
    expect(value(expire(pending(), minutes(60))).next).toMatchObject({ status: "EXPIRED", holdExpiresAt: null, sequence: 1 });
    expect(expire(pending({ status: "ACCEPTED" }), minutes(90))).toMatchObject({ code: "NOT_PENDING" });
  });
});

describe("checkReason / checkPendingLimit", () => {
  it("counts characters, not UTF-16 units, and treats blank as none", () => {
    expect(checkReason("🙂".repeat(500))).toMatchObject({ ok: true });
    expect(checkReason("🙂".repeat(501))).toMatchObject({ ok: false, code: "REASON_TOO_LONG" });
    expect(checkReason(" \n ")).toEqual({ ok: true, value: null });
    expect(checkReason(undefined)).toEqual({ ok: true, value: null });
  });

  it("says how many requests are open", () => {
    const r = checkPendingLimit(5, 5);
    expect(r).toMatchObject({ ok: false, code: "PENDING_LIMIT_REACHED" });
    expect(!r.ok && r.message).toContain("5 open requests");
  });
});

describe("pickTable", () => {
  const t = (id: string, areaId: string, areaName: string, label: string, seats = 2): TableCandidate => ({ id, areaId, areaName, label, seats });
  const tables = [t("b10", "b", "Lounge", "T10"), t("b2", "b", "Lounge", "T2"), t("a1", "a", "Hallway", "T1"), t("a-small", "a", "Hallway", "T0", 1)];

  it("prefers the expert's area, then area name and natural label order", () => {
    expect(value(pickTable(tables, new Set(), "b")).id).toBe("b2");
    expect(value(pickTable(tables, new Set(["b2"]), "b")).id).toBe("b10");
    expect(value(pickTable(tables, new Set(["b2", "b10"]), "b")).id).toBe("a1");
    expect(value(pickTable(tables, new Set(), null)).id).toBe("a1");
  });

  it("skips one-seat tables and reports when none is free", () => {
    expect(pickTable(tables, new Set(["a1", "b2", "b10"]))).toMatchObject({ ok: false, code: "NO_TABLE_FREE" });
  });
});

describe("reassignTable", () => {
  const agreed = () => pending({ status: "ACCEPTED", tableId: "t1", holdExpiresAt: null });
  it("moves an agreed session to a table that seats both", () => {
    expect(value(reassignTable(agreed(), organizer, now, { id: "t2", label: "T2", seats: 2 })).next.tableId).toBe("t2");
  });
  it("refuses a table with fewer seats than a session needs, saying so", () => {
    const r = reassignTable(agreed(), organizer, now, { id: "t9", label: "T9", seats: 1 });
    expect(r).toMatchObject({ ok: false, code: "TABLE_TOO_SMALL", message: "Table T9 has 1 seat; a session needs 2. Pick a larger table." });
  });
  it("is for organizers only", () => {
    expect(reassignTable(agreed(), expert, now, { id: "t2", label: "T2", seats: 2 })).toMatchObject({ ok: false, code: "NOT_YOUR_REQUEST" });
  });
});

describe("pickTable after a lost race", () => {
  const t = (id: string, areaId: string, label: string, seats = 2): TableCandidate => ({ id, areaId, areaName: areaId, label, seats });
  const tables = [t("a1", "A", "T1"), t("a2", "A", "T2"), t("a3", "A", "T3"), t("b1", "B", "T1")];
  it("spreads over the free tables of the best area only, never onto a full or too small one", () => {
    const picks = new Set([0, 1, 2, 3, 4, 5].map((spread) => value(pickTable([...tables, t("a0", "A", "T0", 1)], new Set(["a1"]), null, spread)).id));
    expect(picks).toEqual(new Set(["a2", "a3"]));
    expect(value(pickTable(tables, new Set(["a1", "a2", "a3"]), null, 7)).id).toBe("b1");
    expect(value(pickTable(tables, new Set(), "B", 5)).id).toBe("b1");
  });
});

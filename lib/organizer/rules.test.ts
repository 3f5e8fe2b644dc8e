import { describe, expect, it } from "vitest";
import { conferenceDays, diffSlots } from "./rules";
import { dashboardDay } from "./service";

const at = (hhmm: string) => new Date(`2026-04-18T${hhmm}:00Z`);
const stored = (id: string, start: string, end: string, sessions = 0, liveSessions = 0) => ({ id, startsAt: at(start), endsAt: at(end), sessions, liveSessions });
const wanted = (start: string, end: string) => ({ startUtc: at(start), endUtc: at(end) });

describe("diffSlots", () => {
  it("keeps identical slots and replaces the rest", () => {
    const d = diffSlots([stored("a", "09:00", "09:20"), stored("b", "09:20", "09:40")], [wanted("09:00", "09:20"), wanted("09:20", "09:50")]);
    expect(d.keep.map((s) => s.id)).toEqual(["a"]);
    expect(d.remove.map((s) => s.id)).toEqual(["b"]);
    expect(d.create).toEqual([wanted("09:20", "09:50")]);
    expect(d.blocked).toEqual([]);
  });

  it("blocks when a slot that must go holds sessions", () => {
    const d = diffSlots([stored("a", "09:00", "09:20", 2, 1)], [wanted("09:00", "09:30")]);
    expect(d.blocked.map((s) => s.id)).toEqual(["a"]);
  });
});

describe("dashboardDay", () => {
  const c = { timeZone: "America/Chicago", startDate: "2026-04-17", endDate: "2026-04-19" };
  it("is today in the conference's zone, not UTC's", () => {
    // 03:00 UTC on the 18th is still the evening of the 17th in Chicago.
    expect(dashboardDay(c, new Date("2026-04-18T03:00:00Z"))).toBe("2026-04-17");
  });
  it("clamps to the conference's first and last day", () => {
    expect(dashboardDay(c, new Date("2026-01-01T12:00:00Z"))).toBe("2026-04-17");
    expect(dashboardDay(c, new Date("2026-06-01T12:00:00Z"))).toBe("2026-04-19");
  });
  it("counts conference days inclusively", () => {
    expect(conferenceDays("2026-04-17", "2026-04-19")).toBe(3);
  });
});

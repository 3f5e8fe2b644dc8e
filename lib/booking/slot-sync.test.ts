import { describe, expect, it } from "vitest";
import { planSlotSync, type ExistingSlot, type Slot } from "./slots";

const at = (hhmm: string) => new Date(`2030-04-18T${hhmm}:00Z`);
const slot = (from: string, to: string): Slot => ({ conferenceId: "c", day: "2030-04-18", startUtc: at(from), endUtc: at(to) });
const stored = (id: string, from: string, to: string, sessions = 0, liveSessions = 0): ExistingSlot => ({ id, startUtc: at(from), endUtc: at(to), sessions, liveSessions });

describe("planSlotSync (slot length changes)", () => {
  const thirty = [slot("10:00", "10:30"), slot("10:30", "11:00")];

  it("keeps identical slots, removes unused ones, creates the rest", () => {
    const plan = planSlotSync([stored("a", "10:00", "10:30"), stored("b", "10:30", "10:50")], thirty, "UTC");
    expect(plan).toEqual({ ok: true, value: { keepIds: ["a"], removeIds: ["b"], create: [thirty[1]] } });
  });

  it("keeps a slot with only closed sessions and skips the new slots it overlaps", () => {
    const plan = planSlotSync([stored("a", "10:00", "10:20", 2, 0)], thirty, "UTC");
    expect(plan).toEqual({ ok: true, value: { keepIds: ["a"], removeIds: [], create: [thirty[1]] } });
  });

  it("refuses a change that would orphan a live session, naming the time", () => {
    const plan = planSlotSync([stored("a", "10:20", "10:40", 1, 1)], thirty, "UTC");
    expect(plan).toMatchObject({ ok: false, code: "SLOTS_IN_USE" });
    expect(!plan.ok && plan.message).toMatch(/Thu 18 Apr 10:20/);
  });
});

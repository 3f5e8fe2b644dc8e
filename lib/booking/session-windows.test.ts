import { describe, expect, it } from "vitest";
import { checkInOpensAt, isCheckInOpen, isLabOpen, labOpensAt } from "./session-windows";

const slot = { slotStartUtc: new Date("2030-04-18T10:00:00Z"), slotEndUtc: new Date("2030-04-18T10:20:00Z") };
const at = (iso: string) => new Date(iso);

describe("session windows", () => {
  it("check-in opens 10 minutes before the slot and closes when it ends", () => {
    expect(checkInOpensAt(slot).toISOString()).toBe("2030-04-18T09:50:00.000Z");
    expect(isCheckInOpen(slot, at("2030-04-18T09:49:59Z"))).toBe(false);
    expect(isCheckInOpen(slot, at("2030-04-18T09:50:00Z"))).toBe(true);
    expect(isCheckInOpen(slot, at("2030-04-18T10:19:59Z"))).toBe(true);
    expect(isCheckInOpen(slot, at("2030-04-18T10:20:00Z"))).toBe(false);
  });

  it("the lab opens 5 minutes before the slot and closes when it ends", () => {
    expect(labOpensAt(slot).toISOString()).toBe("2030-04-18T09:55:00.000Z");
    expect(isLabOpen(slot, at("2030-04-18T09:54:59Z"))).toBe(false);
    expect(isLabOpen(slot, at("2030-04-18T09:55:00Z"))).toBe(true);
    expect(isLabOpen(slot, at("2030-04-18T10:20:00Z"))).toBe(false);
  });
});

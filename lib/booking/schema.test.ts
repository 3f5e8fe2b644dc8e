import { describe, expect, it } from "vitest";
import { availabilityUpdate, cancelSession, organizerSetup, requestSession, respondToRequest } from "./schema";

describe("requestSession", () => {
  it("parses the slot start to a Date", () => {
    const r = requestSession.parse({ offerId: "off_1", slotStart: "2026-04-18T14:30:00-05:00", message: " hi " });
    expect(r).toEqual({ offerId: "off_1", slotStart: new Date("2026-04-18T19:30:00Z"), message: "hi" });
  });

  it("rejects a local time without offset, a long message and unknown fields", () => {
    expect(requestSession.safeParse({ offerId: "o", slotStart: "2026-04-18T14:30:00" }).success).toBe(false);
    const long = requestSession.safeParse({ offerId: "o", slotStart: "2026-04-18T19:30:00Z", message: "x".repeat(10_000) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("Keep the message to 500 characters.");
    expect(requestSession.safeParse({ offerId: "o", slotStart: "2026-04-18T19:30:00Z", admin: true }).success).toBe(false);
  });
});

describe("respondToRequest", () => {
  it("accepts the three actions", () => {
    expect(respondToRequest.parse({ action: "accept" })).toEqual({ action: "accept" });
    expect(respondToRequest.parse({ action: "decline", reason: "busy" })).toEqual({ action: "decline", reason: "busy" });
    expect(respondToRequest.parse({ action: "propose", slotStart: "2026-04-18T19:50:00Z" })).toEqual({
      action: "propose",
      slotStart: new Date("2026-04-18T19:50:00Z"),
    });
  });

  it("needs a slot to propose and a known action", () => {
    expect(respondToRequest.safeParse({ action: "propose" }).success).toBe(false);
    expect(respondToRequest.safeParse({ action: "maybe" }).success).toBe(false);
  });
});

describe("cancelSession", () => {
  it("limits the reason to 500 characters", () => {
    expect(cancelSession.safeParse({ reason: "x".repeat(500) }).success).toBe(true);
    expect(cancelSession.safeParse({ reason: "x".repeat(10_000) }).success).toBe(false);
    expect(cancelSession.safeParse({ reason: "🙂".repeat(500) }).success).toBe(true);
  });
});

describe("availabilityUpdate", () => {
  it("takes a list of starts or a preset for a day", () => {
    expect(availabilityUpdate.parse({ mode: "slots", slotStarts: ["2026-04-18T19:30:00Z"] })).toEqual({
      mode: "slots",
      slotStarts: [new Date("2026-04-18T19:30:00Z")],
    });
    expect(availabilityUpdate.parse({ mode: "preset", day: "2026-04-18", preset: "HALF_DAY_PM" })).toEqual({
      mode: "preset",
      day: "2026-04-18",
      preset: "HALF_DAY_PM",
      available: true,
    });
    expect(availabilityUpdate.safeParse({ mode: "preset", day: "2026-02-30", preset: "WHOLE_DAY" }).success).toBe(false);
    expect(availabilityUpdate.safeParse({ mode: "preset", day: "2026-04-18", preset: "EVENING" }).success).toBe(false);
  });
});

describe("organizerSetup", () => {
  const base = { slotMinutes: 20, areas: [{ name: "Hallway", tables: [{ label: "T1" }, { label: "T2", seats: 4 }] }] };

  it("fills defaults", () => {
    expect(organizerSetup.parse(base).areas?.[0]).toEqual({
      name: "Hallway",
      location: "",
      tables: [
        { label: "T1", seats: 2 },
        { label: "T2", seats: 4 },
      ],
    });
  });

  it("rejects odd slot lengths, duplicate names, bad hours and zones", () => {
    expect(organizerSetup.safeParse({ ...base, slotMinutes: 25 }).error?.issues[0]?.message).toBe("slotMinutes is 15, 20 or 30.");
    const dupTable = organizerSetup.safeParse({ slotMinutes: 15, areas: [{ name: "A", tables: [{ label: "T1" }, { label: "t1" }] }] });
    expect(dupTable.error?.issues[0]?.path).toEqual(["areas", 0, "tables", 1, "label"]);
    const dupArea = organizerSetup.safeParse({ slotMinutes: 15, areas: [base.areas[0], base.areas[0]] });
    expect(dupArea.error?.issues[0]?.message).toBe('Area "Hallway" appears twice.');
    expect(organizerSetup.safeParse({ slotMinutes: 15, hours: [{ day: "2026-04-18", opensAt: "9:00", closesAt: "17:00" }] }).success).toBe(false);
    expect(organizerSetup.safeParse({ slotMinutes: 15, timeZone: "Mars/Base" }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { expandAvailabilityPreset, generateSlots, openWindow, toDay, validateRequestedSlot, type ConferenceCalendar, type Slot } from "./slots";

const austin: ConferenceCalendar = {
  id: "conf-austin",
  timeZone: "America/Chicago",
  startDate: new Date("2026-04-17T00:00:00Z"),
  endDate: new Date("2026-04-19T00:00:00Z"),
};

function unwrap<T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

function assertContiguous(slots: Slot[], minutes: number) {
  for (const s of slots) expect(s.endUtc.getTime() - s.startUtc.getTime()).toBe(minutes * 60_000);
  for (let i = 1; i < slots.length; i++) {
    expect(slots[i]!.startUtc.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.endUtc.getTime());
  }
}

describe("generateSlots", () => {
  it("splits a day into UTC slots of the chosen length", () => {
    const slots = unwrap(generateSlots(austin, [{ day: "2026-04-18", opensAt: "14:30", closesAt: "15:30" }], 20));
    expect(slots.map((s) => s.startUtc.toISOString())).toEqual(["2026-04-18T19:30:00.000Z", "2026-04-18T19:50:00.000Z", "2026-04-18T20:10:00.000Z"]);
    expect(slots[0]).toMatchObject({ conferenceId: "conf-austin", day: "2026-04-18" });
  });

  it("drops a tail shorter than one slot", () => {
    const slots = unwrap(generateSlots(austin, [{ day: "2026-04-18", opensAt: "10:00", closesAt: "10:50" }], 20));
    expect(slots).toHaveLength(2);
    expect(slots[1]!.endUtc.toISOString()).toBe("2026-04-18T15:40:00.000Z");
  });

  it("orders several days and never overlaps", () => {
    const slots = unwrap(
      generateSlots(
        austin,
        [
          { day: "2026-04-19", opensAt: "09:00", closesAt: "10:00" },
          { day: "2026-04-17", opensAt: "09:00", closesAt: "10:00" },
        ],
        15,
      ),
    );
    expect(slots).toHaveLength(8);
    expect(slots.map((s) => s.day)).toEqual([...Array(4).fill("2026-04-17"), ...Array(4).fill("2026-04-19")]);
    assertContiguous(slots, 15);
  });

  it("spring forward (Los Angeles, 8 March 2026): the missing hour holds no slots", () => {
    const la: ConferenceCalendar = { id: "c", timeZone: "America/Los_Angeles", startDate: "2026-03-07", endDate: "2026-03-09" };
    // 01:00–04:00 local on the change day is only two real hours (02:00–03:00 does not exist).
    const slots = unwrap(generateSlots(la, [{ day: "2026-03-08", opensAt: "01:00", closesAt: "04:00" }], 30));
    expect(slots).toHaveLength(4);
    expect(slots.map((s) => s.startUtc.toISOString())).toEqual([
      "2026-03-08T09:00:00.000Z", // 01:00 PST
      "2026-03-08T09:30:00.000Z", // 01:30 PST
      "2026-03-08T10:00:00.000Z", // 03:00 PDT
      "2026-03-08T10:30:00.000Z", // 03:30 PDT
    ]);
    assertContiguous(slots, 30);
  });

  it("spring forward: ordinary daytime hours shift their UTC offset across the change", () => {
    const la: ConferenceCalendar = { id: "c", timeZone: "America/Los_Angeles", startDate: "2026-03-07", endDate: "2026-03-09" };
    const slots = unwrap(
      generateSlots(
        la,
        [
          { day: "2026-03-07", opensAt: "09:00", closesAt: "10:00" },
          { day: "2026-03-09", opensAt: "09:00", closesAt: "10:00" },
        ],
        20,
      ),
    );
    expect(slots[0]!.startUtc.toISOString()).toBe("2026-03-07T17:00:00.000Z"); // PST, UTC-8
    expect(slots[3]!.startUtc.toISOString()).toBe("2026-03-09T16:00:00.000Z"); // PDT, UTC-7
  });

  it("fall back (Berlin, 25 October 2026): the repeated hour holds its real slots, no duplicates", () => {
    const berlin: ConferenceCalendar = { id: "c", timeZone: "Europe/Berlin", startDate: "2026-10-24", endDate: "2026-10-26" };
    // 01:00–04:00 local on the change day is four real hours (02:00–03:00 happens twice).
    const slots = unwrap(generateSlots(berlin, [{ day: "2026-10-25", opensAt: "01:00", closesAt: "04:00" }], 30));
    expect(slots).toHaveLength(8);
    expect(slots[0]!.startUtc.toISOString()).toBe("2026-10-24T23:00:00.000Z"); // 01:00 CEST
    expect(slots[7]!.endUtc.toISOString()).toBe("2026-10-25T03:00:00.000Z"); // 04:00 CET
    const starts = slots.map((s) => s.startUtc.getTime());
    expect(new Set(starts).size).toBe(starts.length);
    assertContiguous(slots, 30);
  });

  it("rejects a slot length other than 15, 20 or 30", () => {
    const r = generateSlots(austin, [], 25);
    expect(r).toMatchObject({ ok: false, code: "SLOT_LENGTH_INVALID" });
  });

  it("rejects the same day twice", () => {
    const h = { day: "2026-04-18", opensAt: "09:00", closesAt: "10:00" };
    expect(generateSlots(austin, [h, h], 15)).toMatchObject({ ok: false, code: "HOURS_DUPLICATE_DAY" });
  });
});

describe("openWindow", () => {
  it.each([
    [{ day: "2026-04-18", opensAt: "9:00", closesAt: "10:00" }, "HOURS_INVALID_TIME"],
    [{ day: "2026-04-18", opensAt: "09:00", closesAt: "24:00" }, "HOURS_INVALID_TIME"],
    [{ day: "2026-04-18", opensAt: "09:60", closesAt: "10:00" }, "HOURS_INVALID_TIME"],
    [{ day: "2026-04-18", opensAt: "10:00", closesAt: "09:00" }, "HOURS_CLOSE_BEFORE_OPEN"],
    [{ day: "2026-04-18", opensAt: "10:00", closesAt: "10:00" }, "HOURS_CLOSE_BEFORE_OPEN"],
    [{ day: "2026-04-20", opensAt: "09:00", closesAt: "10:00" }, "HOURS_DAY_OUTSIDE_CONFERENCE"],
    [{ day: "2026-04-16", opensAt: "09:00", closesAt: "10:00" }, "HOURS_DAY_OUTSIDE_CONFERENCE"],
    [{ day: "18/04/2026", opensAt: "09:00", closesAt: "10:00" }, "HOURS_INVALID_DAY"],
    [{ day: "2026-02-30", opensAt: "09:00", closesAt: "10:00" }, "HOURS_INVALID_DAY"],
  ])("%o → %s", (hours, code) => {
    const r = openWindow(austin, hours);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  it("names the bad field", () => {
    const r = openWindow(austin, { day: "2026-04-18", opensAt: "noon", closesAt: "17:00" });
    expect(r).toMatchObject({ ok: false, fields: { opensAt: expect.stringContaining("noon") } });
  });

  it("rejects an unknown time zone", () => {
    const r = openWindow({ ...austin, timeZone: "Mars/Olympus" }, { day: "2026-04-18", opensAt: "09:00", closesAt: "10:00" });
    expect(r).toMatchObject({ ok: false, code: "TIME_ZONE_INVALID" });
  });
});

describe("toDay", () => {
  it("reads a Prisma @db.Date as its UTC calendar date", () => {
    expect(toDay(new Date("2026-04-18T00:00:00Z"))).toBe("2026-04-18");
    expect(toDay("2026-04-18")).toBe("2026-04-18");
    expect(toDay(new Date("nope"))).toBeNull();
  });
});

describe("validateRequestedSlot", () => {
  const hours = [{ day: "2026-04-18", opensAt: "14:00", closesAt: "16:00" }];
  const now = new Date("2026-04-18T12:00:00Z");
  const check = (startIso: string, conferenceId = austin.id, at = now) => validateRequestedSlot(austin, hours, 20, { conferenceId, startUtc: new Date(startIso) }, at);

  it("accepts a future slot on the grid", () => {
    const r = check("2026-04-18T19:20:00Z");
    expect(r).toMatchObject({ ok: true, value: { day: "2026-04-18" } });
    if (r.ok) expect(r.value.endUtc.toISOString()).toBe("2026-04-18T19:40:00.000Z");
  });

  it("distinguishes each failure", () => {
    expect(check("2026-04-18T19:20:00Z", "conf-other")).toMatchObject({ ok: false, code: "SLOT_WRONG_CONFERENCE" });
    expect(check("2026-04-18T18:40:00Z")).toMatchObject({ ok: false, code: "SLOT_OUTSIDE_HOURS" });
    expect(check("2026-04-18T21:00:00Z")).toMatchObject({ ok: false, code: "SLOT_OUTSIDE_HOURS" });
    expect(check("2026-04-18T19:25:00Z")).toMatchObject({ ok: false, code: "SLOT_MISALIGNED" });
    expect(check("2026-04-18T19:20:00Z", austin.id, new Date("2026-04-18T19:45:00Z"))).toMatchObject({
      ok: false,
      code: "SLOT_IN_PAST",
    });
  });

  it("lets a walk-up take the running slot while enough of it is left", () => {
    // 19:20–19:40Z; walk-ups need 10 minutes.
    const at = (iso: string) => check("2026-04-18T19:20:00Z", austin.id, new Date(iso));
    expect(at("2026-04-18T19:21:00Z")).toMatchObject({ ok: true });
    expect(at("2026-04-18T19:30:00Z")).toMatchObject({ ok: true });
    const late = at("2026-04-18T19:31:00Z");
    expect(late).toMatchObject({ ok: false, code: "SLOT_IN_PAST" });
    expect(!late.ok && late.message).toContain("ends in 9 min");
    expect(at("2026-04-18T19:40:00Z")).toMatchObject({ ok: false, code: "SLOT_IN_PAST", message: expect.stringContaining("over") });
    expect(validateRequestedSlot(austin, hours, 20, { conferenceId: austin.id, startUtc: new Date("2026-04-18T19:20:00Z") }, new Date("2026-04-18T19:31:00Z"), 5).ok).toBe(true);
  });

  it("says the local time in the outside-hours message", () => {
    const r = check("2026-04-18T18:40:00Z");
    expect(!r.ok && r.message).toContain("Sat 18 Apr 13:40");
  });
});

describe("expandAvailabilityPreset", () => {
  it("splits the day at local noon", () => {
    const slots = unwrap(generateSlots(austin, [{ day: "2026-04-18", opensAt: "11:00", closesAt: "13:00" }], 30));
    const am = expandAvailabilityPreset(slots, austin.timeZone, "2026-04-18", "HALF_DAY_AM");
    const pm = expandAvailabilityPreset(slots, austin.timeZone, "2026-04-18", "HALF_DAY_PM");
    const all = expandAvailabilityPreset(slots, austin.timeZone, "2026-04-18", "WHOLE_DAY");
    expect(am.map((d) => d.toISOString())).toEqual(["2026-04-18T16:00:00.000Z", "2026-04-18T16:30:00.000Z"]);
    expect(pm).toHaveLength(2);
    expect(all).toHaveLength(4);
    expect(expandAvailabilityPreset(slots, austin.timeZone, "2026-04-17", "WHOLE_DAY")).toEqual([]);
  });
});

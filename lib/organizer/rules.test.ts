import { describe, expect, it } from "vitest";
import { conferenceDays } from "./rules";
import { dashboardDay } from "./service";

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

import { describe, expect, it } from "vitest";
import { formatSessionTime, zoneCity } from "./time";

const start = new Date("2026-04-18T19:30:00Z");
const end = new Date("2026-04-18T19:50:00Z");

describe("formatSessionTime", () => {
  it("shows conference time and the viewer's time beside it", () => {
    expect(
      formatSessionTime({
        startUtc: start,
        endUtc: end,
        conferenceTimeZone: "America/Chicago",
        viewerTimeZone: "Europe/Berlin",
        placeLabel: "Austin",
      }),
    ).toBe("Sat 18 Apr, 14:30–14:50 (Austin) · 21:30 your time");
  });

  it("omits the viewer part in the same zone, or a zone that reads the same then", () => {
    const base = { startUtc: start, endUtc: end, conferenceTimeZone: "Europe/Berlin" };
    expect(formatSessionTime({ ...base, viewerTimeZone: "Europe/Berlin" })).toBe("Sat 18 Apr, 21:30–21:50 (Berlin)");
    expect(formatSessionTime({ ...base, viewerTimeZone: "Europe/Paris" })).toBe("Sat 18 Apr, 21:30–21:50 (Berlin)");
    expect(formatSessionTime({ ...base, viewerTimeZone: null })).toBe("Sat 18 Apr, 21:30–21:50 (Berlin)");
    expect(formatSessionTime({ ...base, viewerTimeZone: "Not/AZone" })).toBe("Sat 18 Apr, 21:30–21:50 (Berlin)");
  });

  it("names the viewer's day when it differs", () => {
    expect(formatSessionTime({ startUtc: start, endUtc: end, conferenceTimeZone: "America/Los_Angeles", viewerTimeZone: "Asia/Tokyo" })).toBe(
      "Sat 18 Apr, 12:30–12:50 (Los Angeles) · Sun 19 Apr, 04:30 your time",
    );
  });

  it("handles half-hour offsets", () => {
    expect(formatSessionTime({ startUtc: start, endUtc: end, conferenceTimeZone: "UTC", viewerTimeZone: "Asia/Kolkata", placeLabel: "London" })).toBe(
      "Sat 18 Apr, 19:30–19:50 (London) · Sun 19 Apr, 01:00 your time",
    );
  });

  it("reads correctly on both sides of a DST change", () => {
    const fmt = (iso: string) =>
      formatSessionTime({
        startUtc: new Date(iso),
        endUtc: new Date(new Date(iso).getTime() + 30 * 60_000),
        conferenceTimeZone: "Europe/Berlin",
        viewerTimeZone: "America/New_York",
      });
    // 25 Oct 2026 Berlin falls back; New York only on 1 Nov: the gap is 5 h, then 6 h.
    expect(fmt("2026-10-24T08:00:00Z")).toBe("Sat 24 Oct, 10:00–10:30 (Berlin) · 04:00 your time");
    expect(fmt("2026-10-25T09:00:00Z")).toBe("Sun 25 Oct, 10:00–10:30 (Berlin) · 05:00 your time");
  });

  it("spells out both days when a span crosses midnight", () => {
    expect(
      formatSessionTime({
        startUtc: new Date("2026-04-18T22:45:00Z"),
        endUtc: new Date("2026-04-18T23:15:00Z"),
        conferenceTimeZone: "Europe/London",
      }),
    ).toBe("Sat 18 Apr, 23:45 – Sun 19 Apr, 00:15 (London)");
  });
});

describe("zoneCity", () => {
  it("takes the last part of the zone name", () => {
    expect(zoneCity("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(zoneCity("UTC")).toBe("UTC");
  });
});

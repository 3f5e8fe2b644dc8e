import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { averageMeetings, csvCell, dayRange, expertLoad, median, meetingsBuckets, toCsv } from "./rules";

describe("CSV", () => {
  it("quotes what needs quoting and doubles quotes (RFC 4180)", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(4.5)).toBe("4.5");
    expect(csvCell(new Date("2030-04-17T00:00:00Z"))).toBe("2030-04-17T00:00:00.000Z");
  });

  it("turns text a spreadsheet would run as a formula into text; numbers stay numbers", () => {
    for (const evil of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(csvCell(evil).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(-3)).toBe("-3");
  });

  it("parses back to the same cells, with a byte-order mark and CRLF lines", () => {
    const rows = [
      ["Zoë", 'a "quote"', "=cmd", 1],
      ["line\nbreak", null, "ok,comma", -2],
    ];
    const text = toCsv(["name", "quote", "formula", "n"], rows);
    expect(text.startsWith("\uFEFFname,quote,formula,n\r\n")).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ["name", "quote", "formula", "n"],
      ["Zoë", 'a "quote"', "'=cmd", "1"],
      ["line\nbreak", "", "ok,comma", "-2"],
    ]);
  });
});

describe("figures", () => {
  it("buckets meetings per attendee up to 10+, with zero bars for gaps", () => {
    expect(
      meetingsBuckets([
        { meetings: 0, attendees: 2 },
        { meetings: 2, attendees: 1 },
      ]),
    ).toEqual([
      { meetings: "0", attendees: 2 },
      { meetings: "1", attendees: 0 },
      { meetings: "2", attendees: 1 },
    ]);
    const top = meetingsBuckets([
      { meetings: 12, attendees: 1 },
      { meetings: 10, attendees: 2 },
    ]);
    expect(top).toHaveLength(11);
    expect(top[10]).toEqual({ meetings: "10+", attendees: 3 });
    expect(averageMeetings([])).toBeNull();
    expect(
      averageMeetings([
        { meetings: 0, attendees: 1 },
        { meetings: 3, attendees: 1 },
      ]),
    ).toBe(1.5);
  });

  it("calls an expert overloaded who turned down more than they took, busy who is asked twice the median", () => {
    expect(expertLoad({ received: 5, accepted: 1, declined: 2, expired: 2 }, 1)).toBe("overloaded");
    expect(expertLoad({ received: 2, accepted: 0, declined: 2, expired: 0 }, 1)).toBe("balanced");
    expect(expertLoad({ received: 6, accepted: 5, declined: 1, expired: 0 }, 3)).toBe("busy");
    expect(expertLoad({ received: 5, accepted: 5, declined: 0, expired: 0 }, 3)).toBe("balanced");
    expect(median([5, 1, 7, 1])).toBe(1);
    expect(median([])).toBe(0);
  });

  it("gives a conference day as UTC instants in its zone, DST days included", () => {
    expect(dayRange("2030-04-18", "Asia/Tokyo")).toEqual({ from: new Date("2030-04-17T15:00:00Z"), to: new Date("2030-04-18T15:00:00Z") });
    const spring = dayRange("2027-03-14", "America/Chicago");
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
  });
});

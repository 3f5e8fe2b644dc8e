import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildFeedIcs, buildSessionIcs, escapeText, foldLine, type IcsSession } from "./ics";

const stamp = new Date("2026-04-01T08:00:00Z");
const session: IcsSession = {
  id: "cm9abc123",
  startUtc: new Date("2026-04-18T19:30:00Z"),
  endUtc: new Date("2026-04-18T19:50:00Z"),
  summary: "Mingle: Kubernetes networking, with Ada",
  description: 'Bring questions; "CNI" deep-dive.\nSecond line \\ with backslash',
  area: "Hallway Track, Level 2",
  table: "T4",
  organizer: { name: "Mingle", email: "noreply@mingle.example" },
  attendees: [
    { name: "Ada Lovelace", email: "ada@example.com", accepted: true },
    { name: 'Grace "Amazing" Hopper', email: "grace@example.com" },
  ],
  sequence: 3,
};

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return { cal, events: cal.getAllSubcomponents("vevent") };
}

describe("buildSessionIcs", () => {
  it("writes a parsable REQUEST with UTC times, stable UID and the given SEQUENCE", () => {
    const ics = buildSessionIcs("REQUEST", session, stamp);
    const { cal, events } = parse(ics);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toContain("Mingle");
    const ev = events[0]!;
    const event = new ICAL.Event(ev);
    expect(event.uid).toBe("session-cm9abc123@mingle");
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-04-18T19:30:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-04-18T19:50:00.000Z");
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(ev.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.summary).toBe(session.summary);
    expect(event.location).toBe("Hallway Track, Level 2 · T4");
    expect(event.description).toBe(session.description);
    expect(ev.getFirstPropertyValue("organizer")).toBe("mailto:noreply@mingle.example");
    const attendees = event.attendees;
    expect(attendees.map((a) => a.getFirstValue())).toEqual(["mailto:ada@example.com", "mailto:grace@example.com"]);
    expect(attendees[0]!.getParameter("partstat")).toBe("ACCEPTED");
    expect(attendees[1]!.getParameter("cn")).toBe("Grace 'Amazing' Hopper");
    expect(ev.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-04-01T08:00:00Z");
  });

  it("keeps the UID and raises SEQUENCE for a change, and marks a CANCEL cancelled", () => {
    const moved = buildSessionIcs("REQUEST", { ...session, sequence: 4, startUtc: new Date("2026-04-18T20:10:00Z") }, stamp);
    const cancel = buildSessionIcs("CANCEL", { ...session, sequence: 5 }, stamp);
    const a = new ICAL.Event(parse(moved).events[0]);
    const { cal, events } = parse(cancel);
    const b = new ICAL.Event(events[0]);
    expect(a.uid).toBe(b.uid);
    expect([a.sequence, b.sequence]).toEqual([4, 5]);
    expect(cal.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(events[0]!.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("uses CRLF and folds every physical line to at most 75 octets", () => {
    const ics = buildSessionIcs("REQUEST", { ...session, description: "x".repeat(400) }, stamp);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(ics).toContain("\r\n x");
  });

  it("round-trips unicode through folding without splitting a character", () => {
    const summary = "Café ☕ with 日本語のエキスパート and emoji 🧑🏽‍💻🚀 — ".repeat(6);
    const ics = buildSessionIcs("REQUEST", { ...session, summary }, stamp);
    for (const line of ics.split("\r\n")) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(new ICAL.Event(parse(ics).events[0]).summary).toBe(summary);
  });

  it("refuses ids that would make an unstable UID", () => {
    expect(() => buildSessionIcs("REQUEST", { ...session, id: "a b@c" }, stamp)).toThrow(/UID/);
  });
});

describe("escapeText / foldLine", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("leaves short lines alone and continues long ones with one space", () => {
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
    const folded = foldLine(`X:${"é".repeat(80)}`);
    const lines = folded.split("\r\n");
    expect(lines.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(`X:${"é".repeat(80)}`);
  });
});

describe("buildFeedIcs", () => {
  it("publishes many sessions in time order, cancelled ones marked", () => {
    const later = { ...session, id: "later", startUtc: new Date("2026-04-19T15:00:00Z"), endUtc: new Date("2026-04-19T15:20:00Z") };
    const cancelled = { ...session, id: "gone", cancelled: true, sequence: 7 };
    const ics = buildFeedIcs({ name: "Ada's mingles, Austin; 2026" }, [later, session, cancelled], stamp);
    const { cal, events } = parse(ics);
    expect(cal.getFirstPropertyValue("method")).toBeNull();
    // ical.js does not know NAME / X-WR-CALNAME and hands them back raw, i.e. still TEXT-escaped.
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("Ada's mingles\\, Austin\\; 2026");
    expect(events.map((e) => e.getFirstPropertyValue("uid"))).toEqual(["session-cm9abc123@mingle", "session-gone@mingle", "session-later@mingle"]);
    expect(events[1]!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[1]!.getFirstPropertyValue("sequence")).toBe(7);
  });
});

describe("calendar addresses", () => {
  it("a withheld e-mail is replaced by the person's URL; neither is a bug", () => {
    const withheld = { ...session, organizer: { name: "Bob", email: null, url: "https://m.example/people/bob" } };
    expect(buildSessionIcs("REQUEST", withheld, stamp)).toContain("ORGANIZER;CN=Bob:https://m.example/people/bob");
    expect(() => buildSessionIcs("REQUEST", { ...session, organizer: { name: "Bob", email: null } }, stamp)).toThrow(/No calendar address/);
  });
});

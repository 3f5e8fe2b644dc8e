import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { foldLine } from "@/lib/booking/ics";
import { escapeText, vcardOf, vcardsOf } from "./vcard";

const parseCards = (text: string): ICAL.Component[] => {
  const parsed = ICAL.parse(text);
  const list = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcard) => new ICAL.Component(jcard as never));
};

describe("vCard 4.0 writer", () => {
  it("escapes backslash, comma and newlines in text, and semicolons in compound fields (RFC 6350 §3.4)", () => {
    expect(escapeText("a\\b, c; d\r\ne\nf")).toBe("a\\\\b\\, c; d\\ne\\nf");
    expect(escapeText("Moby; Whales", true)).toBe("Moby\\; Whales");
  });

  it("folds at 75 octets without splitting a character, continuation lines starting with a space", () => {
    const line = `NOTE:${"é".repeat(60)}🐳${"x".repeat(40)}`;
    const folded = foldLine(line).split("\r\n");
    for (const [i, l] of folded.entries()) {
      expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(" ")).toBe(true);
    }
    expect(folded.map((l, i) => (i > 0 ? l.slice(1) : l)).join("")).toBe(line);
    expect(folded.join("")).not.toMatch(/\uFFFD/);
  });

  it("parses back (ical.js) to the same name, e-mail, organisation, title, note and URL", () => {
    const text = vcardOf({
      uid: "http://127.0.0.1/people/u1",
      name: "Zoë O'Brien-Núñez 🐳",
      email: "zoe@example.com",
      organization: "Moby; Whales, Inc.",
      title: "Dev\\Ops lead, containers",
      url: "http://127.0.0.1/people/u1",
      note: `Met at DockerCon: ${"Swarm secrets, rotated; ".repeat(8)}\nsecond line`,
      categories: ["Mingle", "DockerCon, 2017"],
      revision: new Date("2030-04-17T10:20:30.000Z"),
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const [card] = parseCards(text);
    expect(card!.name).toBe("vcard");
    expect(card!.getFirstPropertyValue("version")).toBe("4.0");
    expect(card!.getFirstPropertyValue("fn")).toBe("Zoë O'Brien-Núñez 🐳");
    expect(card!.getFirstPropertyValue("email")).toBe("zoe@example.com");
    expect(card!.getFirstPropertyValue("title")).toBe("Dev\\Ops lead, containers");
    expect(card!.getFirstPropertyValue("note")).toBe(`Met at DockerCon: ${"Swarm secrets, rotated; ".repeat(8)}\nsecond line`);
    expect(card!.getFirstPropertyValue("url")).toBe("http://127.0.0.1/people/u1");
    expect(card!.getFirstProperty("categories")!.getValues()).toEqual(["Mingle", "DockerCon, 2017"]);
    // ORG is structured (components split on unescaped ";"): the company's own ";" stays inside.
    expect(card!.getFirstProperty("org")!.getValues().flat().join("")).toBe("Moby; Whales, Inc.");
  });

  it("leaves out what a person does not share and writes several cards into one file", () => {
    const text = vcardsOf([
      { uid: "u:1", name: "Ada", email: null },
      { uid: "u:2", name: "Bob Stone", email: "bob@example.com" },
    ]);
    const cards = parseCards(text);
    expect(cards.map((c) => c.getFirstPropertyValue("fn"))).toEqual(["Ada", "Bob Stone"]);
    expect(cards[0]!.getFirstPropertyValue("email")).toBeNull();
    expect(text).toContain("N:Stone;Bob;;;");
  });
});

import { foldLine } from "@/lib/booking/ics";

/**
 * vCard 4.0 (RFC 6350) writer, pure. Written here rather than taken from npm: the maintained
 * generator (vcards-js 2.11) folds lines every 75 UTF-16 code units, which can split a surrogate
 * pair (an emoji in a name becomes two broken characters) and lets a line of accented text pass 75
 * octets; RFC 6350 §3.2 folds by octets and must not split a character. This one escapes text as
 * §3.4 says (backslash, comma, newline; semicolons in compound fields), folds with the iCalendar
 * writer's foldLine (RFC 5545 folds the same way: 75 octets, whole characters) and ends every line
 * with CRLF. lib/recap/vcard.test.ts parses the output back with ical.js.
 */

export interface VcardPerson {
  /** A stable URI for the person (the Mingle profile's address). */
  uid: string;
  name: string;
  email?: string | null;
  organization?: string | null;
  title?: string | null;
  url?: string | null;
  note?: string | null;
  categories?: string[];
  revision?: Date;
}

/**
 * Escapes a TEXT value (RFC 6350 §3.4): backslash, comma and newline always; a semicolon only in a
 * field of a compound property (N, ORG), where it would end the field. Elsewhere the RFC leaves it
 * optional, and readers such as ical.js keep an escaped one as "\;".
 */
export function escapeText(value: string, compound = false): string {
  const escaped = value.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  return compound ? escaped.replace(/;/g, "\\;") : escaped;
}

/** "Ada King Lovelace" → family "Lovelace", given "Ada King": N is a guess from one name field, FN is what the person wrote. */
function nameParts(name: string): [string, string] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return [name.trim(), ""];
  return [words[words.length - 1]!, words.slice(0, -1).join(" ")];
}

export function vcardOf(p: VcardPerson): string {
  const [family, given] = nameParts(p.name);
  const lines = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "PRODID:-//Mingle//Recap//EN",
    `UID:${p.uid}`,
    `FN:${escapeText(p.name)}`,
    `N:${escapeText(family, true)};${escapeText(given, true)};;;`,
  ];
  if (p.email) lines.push(`EMAIL;TYPE=work:${escapeText(p.email)}`);
  if (p.organization) lines.push(`ORG:${escapeText(p.organization, true)}`);
  if (p.title) lines.push(`TITLE:${escapeText(p.title)}`);
  if (p.url) lines.push(`URL:${p.url}`);
  if (p.note) lines.push(`NOTE:${escapeText(p.note)}`);
  if (p.categories?.length) lines.push(`CATEGORIES:${p.categories.map((c) => escapeText(c)).join(",")}`);
  if (p.revision)
    lines.push(
      `REV:${p.revision
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
  lines.push("END:VCARD");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

export function vcardsOf(people: readonly VcardPerson[]): string {
  return people.map(vcardOf).join("");
}

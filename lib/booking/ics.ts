/**
 * iCalendar (RFC 5545) for mingle sessions: an invitation or cancellation per session
 * (iTIP METHOD:REQUEST / METHOD:CANCEL, RFC 5546) and a subscribable feed of many sessions.
 *
 * Calendar clients match updates by UID and apply the one with the highest SEQUENCE, so the UID
 * is derived from the session id alone and SEQUENCE comes from the database row, bumped on every
 * change (see rules.ts). All times are written in UTC ("Z") so no VTIMEZONE is needed.
 */

export const PRODID = "-//Mingle//Mingle Sessions 1.0//EN";

export interface IcsPerson {
  name: string;
  /** Null when the reader may not see it (contact-visibility.ts); `url` is then the address. */
  email: string | null;
  /** The person's Mingle page: their calendar address while the e-mail is withheld. */
  url?: string;
}

export interface IcsSession {
  /** Session id; becomes UID `session-<id>@mingle`. */
  id: string;
  startUtc: Date;
  endUtc: Date;
  summary: string;
  description?: string;
  /** Mingle area name and table label, e.g. "Hallway Track" and "T4". */
  area?: string;
  table?: string;
  organizer: IcsPerson;
  attendees: readonly (IcsPerson & { accepted?: boolean })[];
  /** Bumped on every change to the session; calendar clients keep the highest. */
  sequence: number;
  cancelled?: boolean;
  url?: string;
}

export type IcsMethod = "REQUEST" | "CANCEL";

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

export function sessionUid(id: string): string {
  // A UID must stay the same forever; refuse ids that would need escaping rather than mangle them.
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Session id "${id}" is not safe for an iCalendar UID`);
  return `session-${id}@mingle`;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines are escaped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: iCalendar text may not carry control characters; they are dropped on purpose
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

/**
 * A parameter value (e.g. CN) may not contain DQUOTE and must be quoted if it holds ":;,".
 * We swap " for ' rather than use RFC 6868 caret escapes, which few clients understand.
 */
function paramValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters become spaces in a parameter value
  const clean = value.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]/g, " ");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** CAL-ADDRESS is any URI (RFC 5545 §3.3.3): mailto when the e-mail may be shown, else the person's page. */
function calAddress(person: IcsPerson): string {
  const { email, url } = person;
  if (email === null) {
    if (!url || /[\s<>"]/.test(url)) throw new Error(`No calendar address for "${person.name}": neither an e-mail nor a URL`);
    return url;
  }
  if (/[\s<>"]/.test(email) || !email.includes("@")) throw new Error(`Not an e-mail address for iCalendar: "${email}"`);
  return `mailto:${email}`;
}

/** 20260418T193000Z */
export function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error("Invalid date in iCalendar output");
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * Folds one content line to at most 75 octets per physical line (CRLF excluded), continuing with
 * a single space (§3.1). Splits only between code points, so UTF-8 sequences stay whole.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function serialize(lines: readonly string[]): string {
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(session: IcsSession, dtstamp: Date): string[] {
  if (!Number.isInteger(session.sequence) || session.sequence < 0) {
    throw new Error(`SEQUENCE must be a non-negative integer, got ${session.sequence}`);
  }
  const location = [session.area, session.table].filter((v): v is string => Boolean(v?.trim())).join(" · ");
  const lines = [
    "BEGIN:VEVENT",
    `UID:${sessionUid(session.id)}`,
    `DTSTAMP:${formatUtc(dtstamp)}`,
    `DTSTART:${formatUtc(session.startUtc)}`,
    `DTEND:${formatUtc(session.endUtc)}`,
    `SEQUENCE:${session.sequence}`,
    `STATUS:${session.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `SUMMARY:${escapeText(session.summary)}`,
  ];
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  if (session.description) lines.push(`DESCRIPTION:${escapeText(session.description)}`);
  if (session.url) lines.push(`URL:${session.url}`);
  lines.push(`ORGANIZER;CN=${paramValue(session.organizer.name)}:${calAddress(session.organizer)}`);
  for (const a of session.attendees) {
    const partstat = session.cancelled ? "DECLINED" : a.accepted ? "ACCEPTED" : "NEEDS-ACTION";
    lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=FALSE:${calAddress(a)}`);
  }
  lines.push("TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

/**
 * One session as an e-mail attachment / download. REQUEST for a new or changed session, CANCEL
 * when it is cancelled (the event is then marked STATUS:CANCELLED as well, as RFC 5546 asks).
 */
export function buildSessionIcs(method: IcsMethod, session: IcsSession, dtstamp: Date): string {
  const event = method === "CANCEL" ? { ...session, cancelled: true } : session;
  return serialize(["BEGIN:VCALENDAR", `PRODID:${PRODID}`, "VERSION:2.0", "CALSCALE:GREGORIAN", `METHOD:${method}`, ...eventLines(event, dtstamp), "END:VCALENDAR"]);
}

export interface FeedOptions {
  name: string;
  /** How often subscribers should poll, in minutes. */
  refreshMinutes?: number;
}

/**
 * A subscribable calendar (webcal) of many sessions. No METHOD: a feed is published, not sent;
 * cancelled sessions stay in with STATUS:CANCELLED so subscribers drop them.
 */
export function buildFeedIcs(options: FeedOptions, sessions: readonly IcsSession[], dtstamp: Date): string {
  const refresh = `PT${Math.max(5, Math.round(options.refreshMinutes ?? 15))}M`;
  return serialize([
    "BEGIN:VCALENDAR",
    `PRODID:${PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `NAME:${escapeText(options.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
    ...[...sessions].sort((a, b) => a.startUtc.getTime() - b.startUtc.getTime()).flatMap((s) => eventLines(s, dtstamp)),
    "END:VCALENDAR",
  ]);
}

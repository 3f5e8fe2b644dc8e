import { contactInSession, type ContactViewer } from "./contact-visibility";
import type { IcsPerson, IcsSession } from "./ics";
import type { PersonRow, SessionDetail } from "./repo";
import * as rules from "./rules";

/** An iCalendar download as data; the HTTP edge (api.ts `calendarResponse`) turns it into a Response. */
export interface CalendarFile {
  body: string;
  filename: string;
  contentType: "text/calendar; charset=utf-8";
}

export function calendarFile(body: string, filename: string): CalendarFile {
  return { body, filename, contentType: "text/calendar; charset=utf-8" };
}

/**
 * A session as an iCalendar event for `viewer`: both people attend, the expert organizes, cancelled
 * once it is off. An address the viewer may not see (contact-visibility.ts) is replaced by the
 * person's Mingle page, so a pending request's file carries no e-mail.
 */
export function icsOf(s: SessionDetail, publicUrl: string, viewer: ContactViewer): IcsSession {
  const base = publicUrl.replace(/\/$/, "");
  const person = (p: PersonRow): IcsPerson => ({ name: p.name, email: contactInSession(viewer, p, s), url: `${base}/people/${encodeURIComponent(p.id)}` });
  const accepted = s.status === "ACCEPTED";
  return {
    id: s.id,
    startUtc: s.slotStartUtc,
    endUtc: s.slotEndUtc,
    summary: `Mingle: ${s.offer.title} (${s.requester.name} & ${s.expert.name})`,
    description: [s.message, `${s.conferenceName} · Moby Mingle session`].filter(Boolean).join("\n\n"),
    area: s.table ? [s.table.area.name, s.table.area.location].filter(Boolean).join(", ") : undefined,
    table: s.table?.label,
    organizer: person(s.expert),
    attendees: [
      { ...person(s.requester), accepted },
      { ...person(s.expert), accepted },
    ],
    sequence: s.sequence,
    cancelled: !rules.isLive(s.status),
    url: `${base}/sessions/${s.id}`,
  };
}

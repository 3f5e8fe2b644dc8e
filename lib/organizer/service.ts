import { DateTime } from "luxon";
import type { UserView } from "@/lib/auth/schema";
import { generateSlots, openWindow } from "@/lib/booking/slots";
import { type CurrentConference, noConference } from "@/lib/conference/current-conference";
import { fail, ok, type Result } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { Notifier } from "@/lib/notifications/service";
import type { DashboardRepo } from "./dashboard-repo";
import { TAKEN, type OrganizerRepo } from "./repo";
import { conferenceDays, MAX_CONFERENCE_DAYS } from "./rules";
import type { AnnouncementInput, AreaInput, AreaPatch, AreaView, ConferenceUpdate, DashboardView, HoursUpdate, SetupView, TableInput, TablePatch } from "./schema";
import type { SlotSyncView as SlotSyncResult } from "@/lib/booking/schema";

export interface OrganizerDeps {
  repo: OrganizerRepo;
  notifier: Notifier;
  /** Makes the stored slots match hours and slot length (the booking backend's slot sync). */
  syncSlots: (conferenceId: string) => Promise<Result<SlotSyncResult>>;
  now: () => Date;
}

export async function getSetup(deps: OrganizerDeps): Promise<Result<SetupView>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  const [areas, stored] = await Promise.all([deps.repo.areas(c.id, deps.now()), deps.repo.slotStarts(c.id)]);
  const wanted = generateSlots(c, c.hours, c.slotMinutes);
  const expected = wanted.ok ? wanted.value : [];
  const storedKeys = new Set(stored.map((s) => `${s.startsAt.getTime()}-${s.endsAt.getTime()}`));
  const upToDate = wanted.ok && expected.length === stored.length && expected.every((s) => storedKeys.has(`${s.startUtc.getTime()}-${s.endUtc.getTime()}`));
  const { hours, slug: _slug, ...conference } = c;
  return ok({
    ...conference,
    hours,
    areas: areas.map(({ conferenceId: _c, tables, ...a }) => ({ ...a, tables: tables.map(({ sessions: _s, ...t }) => t) })),
    slots: { stored: stored.length, expected: expected.length, upToDate },
  });
}

/** Every stored mingle-hours day must still be a conference day after the change. */
function checkHoursFit(c: Pick<CurrentConference, "id" | "timeZone" | "startDate" | "endDate">, hours: CurrentConference["hours"]): Result<void> {
  for (const h of hours) {
    const w = openWindow(c, h);
    if (!w.ok) {
      return w.code === "HOURS_DAY_OUTSIDE_CONFERENCE"
        ? fail(w.code, `${w.message} Remove or move the mingle hours of ${h.day} first.`, { startDate: "Mingle hours fall outside these dates." })
        : w;
    }
  }
  return ok(undefined);
}

export async function updateConference(deps: OrganizerDeps, actor: UserView, input: ConferenceUpdate): Promise<Result<SetupView>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  if (input.endDate < input.startDate) {
    return fail("CONFERENCE_DATES_INVALID", "The conference ends before it starts.", { endDate: "Must be on or after the start date." });
  }
  if (conferenceDays(input.startDate, input.endDate) > MAX_CONFERENCE_DAYS) {
    return fail("CONFERENCE_DATES_INVALID", `A conference runs at most ${MAX_CONFERENCE_DAYS} days.`, { endDate: "Too far from the start date." });
  }
  const fits = checkHoursFit({ id: c.id, timeZone: input.timeZone, startDate: input.startDate, endDate: input.endDate }, c.hours);
  if (!fits.ok) return fits;
  await deps.repo.updateConference(c.id, input);
  logger.info("organizer.conference_updated", { by: actor.id, conferenceId: c.id });
  return getSetup(deps);
}

/** Replaces the mingle hours; each day is checked against the conference (lib/booking/slots.ts). */
export async function setHours(deps: OrganizerDeps, actor: UserView, input: HoursUpdate): Promise<Result<SetupView>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  const checked = generateSlots(c, input.hours, c.slotMinutes);
  if (!checked.ok) return checked;
  await deps.repo.replaceHours(c.id, input.hours);
  logger.info("organizer.hours_updated", { by: actor.id, conferenceId: c.id, days: input.hours.length });
  return getSetup(deps);
}

export async function generateConferenceSlots(deps: OrganizerDeps, actor: UserView): Promise<Result<SlotSyncResult>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  const result = await deps.syncSlots(c.id);
  if (result.ok) logger.info("organizer.slots_synced", { by: actor.id, conferenceId: c.id, ...result.value });
  return result;
}

// ---- areas and tables -------------------------------------------------------------------------

async function areaView(deps: OrganizerDeps, areaId: string): Promise<Result<AreaView>> {
  const a = await deps.repo.findArea(areaId, deps.now());
  if (!a) return fail("NOT_FOUND", "That area no longer exists.");
  return ok({ id: a.id, name: a.name, location: a.location, tables: a.tables.map(({ sessions: _s, ...t }) => t) });
}

const areaTaken = (name: string) => fail("AREA_NAME_TAKEN", `There is already an area called "${name}".`, { name: "Choose another name." });
const labelTaken = (label: string, area: string) => fail("TABLE_LABEL_TAKEN", `"${area}" already has a table labelled "${label}".`, { label: "Choose another label." });

export async function createArea(deps: OrganizerDeps, actor: UserView, input: AreaInput): Promise<Result<AreaView>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  const created = await deps.repo.createArea(c.id, input);
  if (created === TAKEN) return areaTaken(input.name);
  logger.info("organizer.area_created", { by: actor.id, areaId: created.id });
  return areaView(deps, created.id);
}

export async function updateArea(deps: OrganizerDeps, actor: UserView, areaId: string, patch: AreaPatch): Promise<Result<AreaView>> {
  const area = await deps.repo.findArea(areaId, deps.now());
  if (!area) return fail("NOT_FOUND", "That area no longer exists.");
  const updated = await deps.repo.updateArea(areaId, patch);
  if (updated === TAKEN) return areaTaken(patch.name ?? area.name);
  logger.info("organizer.area_updated", { by: actor.id, areaId });
  return areaView(deps, areaId);
}

export async function deleteArea(deps: OrganizerDeps, actor: UserView, areaId: string): Promise<Result<null>> {
  const area = await deps.repo.findArea(areaId, deps.now());
  if (!area) return fail("NOT_FOUND", "That area no longer exists.");
  const used = area.tables.filter((t) => t.sessions > 0);
  if (used.length > 0) {
    const live = used.reduce((n, t) => n + t.liveSessions, 0);
    return fail(
      "AREA_IN_USE",
      `"${area.name}" cannot be deleted: table${used.length > 1 ? "s" : ""} ${used.map((t) => t.label).join(", ")} ` +
        (live > 0 ? `have ${live} upcoming session(s). Reassign or cancel them first.` : "hosted past sessions, kept for the record."),
    );
  }
  await deps.repo.deleteArea(areaId);
  logger.info("organizer.area_deleted", { by: actor.id, areaId });
  return ok(null);
}

export async function createTable(deps: OrganizerDeps, actor: UserView, areaId: string, input: TableInput): Promise<Result<AreaView>> {
  const area = await deps.repo.findArea(areaId, deps.now());
  if (!area) return fail("NOT_FOUND", "That area no longer exists.");
  const created = await deps.repo.createTable(areaId, input);
  if (created === TAKEN) return labelTaken(input.label, area.name);
  logger.info("organizer.table_created", { by: actor.id, areaId, tableId: created.id });
  return areaView(deps, areaId);
}

export async function updateTable(deps: OrganizerDeps, actor: UserView, tableId: string, patch: TablePatch): Promise<Result<AreaView>> {
  const now = deps.now();
  const table = await deps.repo.findTable(tableId, now);
  if (!table) return fail("NOT_FOUND", "That table no longer exists.");
  const target = patch.areaId ? await deps.repo.findArea(patch.areaId, now) : null;
  if (patch.areaId && (!target || target.conferenceId !== table.conferenceId)) {
    return fail("NOT_FOUND", "That area does not exist.", { areaId: "Pick one of the conference's areas." });
  }
  const updated = await deps.repo.updateTable(tableId, patch);
  if (updated === TAKEN) {
    const areaName = target?.name ?? (await deps.repo.findArea(table.areaId, now))?.name ?? "This area";
    return labelTaken(patch.label ?? table.label, areaName);
  }
  logger.info("organizer.table_updated", { by: actor.id, tableId });
  return areaView(deps, patch.areaId ?? table.areaId);
}

export async function deleteTable(deps: OrganizerDeps, actor: UserView, tableId: string): Promise<Result<null>> {
  const table = await deps.repo.findTable(tableId, deps.now());
  if (!table) return fail("NOT_FOUND", "That table no longer exists.");
  if (table.liveSessions > 0) {
    return fail("TABLE_IN_USE", `Table ${table.label} has ${table.liveSessions} upcoming session(s). Reassign them to another table or cancel them first.`);
  }
  if (table.sessions > 0) {
    return fail("TABLE_IN_USE", `Table ${table.label} hosted ${table.sessions} past session(s), kept for the record; it cannot be deleted.`);
  }
  await deps.repo.deleteTable(tableId);
  logger.info("organizer.table_deleted", { by: actor.id, tableId });
  return ok(null);
}

// ---- notices to attendees ----------------------------------------------------------------------

/** An organizer's notice to one attendee or everyone: an inbox entry and a live toast, audited. */
export async function sendAnnouncement(deps: OrganizerDeps, actor: UserView, input: AnnouncementInput): Promise<Result<{ sent: number }>> {
  let recipients: string[];
  if (input.to === "everyone") {
    recipients = await deps.repo.attendeeIds();
  } else {
    const user = await deps.repo.findAttendeeByEmail(input.to);
    if (!user) return fail("RECIPIENT_NOT_FOUND", `Nobody signed up as ${input.to}.`, { to: "Check the address." });
    recipients = [user.id];
  }
  for (const userId of recipients) {
    await deps.notifier.notify(userId, { kind: "ANNOUNCEMENT", title: input.title, body: input.body, link: input.link });
  }
  await deps.repo.audit({
    actorId: actor.id,
    action: "ANNOUNCE",
    subjectType: input.to === "everyone" ? "Conference" : "User",
    subjectId: input.to === "everyone" ? "everyone" : recipients[0]!,
    details: { title: input.title, recipients: recipients.length },
  });
  return ok({ sent: recipients.length });
}

// ---- the Mingle desk --------------------------------------------------------------------------

/**
 * The conference day the dashboard shows: today in the conference's zone when it is a conference
 * day, else the first day (before the conference) or the last (after it).
 */
export function dashboardDay(c: Pick<CurrentConference, "timeZone" | "startDate" | "endDate">, now: Date): string {
  const today = DateTime.fromJSDate(now).setZone(c.timeZone).toISODate()!;
  if (today < c.startDate) return c.startDate;
  if (today > c.endDate) return c.endDate;
  return today;
}

export async function getDashboard(deps: OrganizerDeps & { dashboard: DashboardRepo }): Promise<Result<DashboardView>> {
  const c = await deps.repo.currentConference();
  if (!c) return noConference();
  const day = dashboardDay(c, deps.now());
  const from = DateTime.fromISO(day, { zone: c.timeZone }).startOf("day");
  const data = await deps.dashboard.load(c.id, from.toJSDate(), from.plus({ days: 1 }).toJSDate());
  const clock = (d: Date) => DateTime.fromJSDate(d).setZone(c.timeZone).toFormat("HH:mm");
  return ok({
    day,
    timeZone: c.timeZone,
    counts: data.counts,
    grid: {
      slots: data.slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), label: clock(s.startsAt), pending: s.pending })),
      tables: data.tables,
      sessions: data.sessions,
    },
    audit: data.audit.map((a) => ({
      ...a,
      at: a.at.toISOString(),
      details: a.details && typeof a.details === "object" && !Array.isArray(a.details) ? (a.details as Record<string, unknown>) : {},
    })),
  });
}

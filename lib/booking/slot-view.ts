import { DateTime } from "luxon";
import type { SlotRow } from "./repo";
import type * as rules from "./rules";
import type { SlotView } from "./schema";

/** The conference-zone calendar day of an instant. */
export function dayOf(date: Date, zone: string): string {
  return DateTime.fromJSDate(date).setZone(zone).toISODate() ?? "";
}

export function slotView(s: SlotRow, zone: string): SlotView {
  return { id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), day: dayOf(s.startsAt, zone) };
}

/** A stored slot as the booking rules see it. */
export function slotOf(s: SlotRow): rules.ProposedSlot {
  return { slotId: s.id, startUtc: s.startsAt, endUtc: s.endsAt };
}

export function clockLabel(s: SlotRow, zone: string): string {
  const start = DateTime.fromJSDate(s.startsAt).setZone(zone);
  const end = DateTime.fromJSDate(s.endsAt).setZone(zone);
  return `${start.toFormat("ccc d LLL, HH:mm")}–${end.toFormat("HH:mm")}`;
}

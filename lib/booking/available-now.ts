import type { UserView } from "@/lib/auth/schema";
import { ok } from "@/lib/errors";
import { currentConference } from "./conference";
import type { BookingDeps, BookingResult } from "./ports";
import type { SlotRow } from "./repo";
import * as rules from "./rules";
import type { AvailableNowView } from "./schema";
import { slotOf, slotView } from "./slot-view";

/**
 * Who and which tables are free now and next. Every open page refetches this after a broadcast, so
 * the view is computed once and shared (deps.views, invalidated on every availability change); each
 * reader only drops themselves from the experts.
 */
export async function availableNow(deps: BookingDeps, user: UserView): BookingResult<AvailableNowView> {
  const shared = await (deps.views ? deps.views.availableNow.get(() => computeAvailableNow(deps)) : computeAvailableNow(deps));
  if (!shared.ok) return shared;
  return ok({ ...shared.value, experts: shared.value.experts.filter((e) => e.id !== user.id) });
}

async function computeAvailableNow(deps: BookingDeps): BookingResult<AvailableNowView> {
  const conf = await currentConference(deps);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  const soon = await deps.repo.listSlots(c.id, { from: new Date(now.getTime() - 60 * 60_000), to: new Date(now.getTime() + 24 * 60 * 60_000) });
  const current = soon.find((s) => s.startsAt.getTime() <= now.getTime() && now.getTime() < s.endsAt.getTime()) ?? null;
  const next = soon.find((s) => s.startsAt.getTime() >= (current?.endsAt ?? now).getTime()) ?? null;
  const ids = [current, next].filter((s): s is SlotRow => s !== null).map((s) => s.id);
  const running = current && slotOf(current);
  const [tables, taken, seated, experts] = await Promise.all([
    deps.repo.tables(c.id),
    deps.repo.takenTablesBySlot(ids),
    deps.repo.seatedUserIds(ids),
    deps.repo.expertsAvailableIn(ids),
  ]);
  const freeIn = (slot: SlotRow | null, has: (slotId: string) => boolean) => slot !== null && has(slot.id);
  const sorted = rules.pickTableOrder(tables, null);
  return ok({
    conferenceId: c.id,
    timeZone: c.timeZone,
    current: current && slotView(current, c.timeZone),
    next: next && slotView(next, c.timeZone),
    walkupUntil: running && rules.isBookable(running, now, deps.config.walkupMinutes) ? rules.answerDeadline(running, now, deps.config.walkupMinutes).toISOString() : null,
    tables: sorted.map((t) => ({
      id: t.id,
      label: t.label,
      area: { id: t.areaId, name: t.areaName, location: t.location },
      freeNow: freeIn(current, (id) => !taken.get(id)?.has(t.id)),
      freeNext: freeIn(next, (id) => !taken.get(id)?.has(t.id)),
    })),
    experts: experts
      .map((e) => ({
        id: e.id,
        name: e.name,
        headline: e.headline,
        freeNow: freeIn(current, (id) => e.slotIds.includes(id) && !seated.get(id)?.has(e.id)),
        freeNext: freeIn(next, (id) => e.slotIds.includes(id) && !seated.get(id)?.has(e.id)),
        offers: e.offers,
      }))
      .filter((e) => e.freeNow || e.freeNext),
  });
}

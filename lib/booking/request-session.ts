import type { UserView } from "@/lib/auth/schema";
import { fail, type Failure } from "@/lib/errors";
import { announce, emitChange } from "./announce";
import { currentConference } from "./conference";
import type { BookingErrorCode } from "./errors";
import { notices } from "./notices";
import type { BookingDeps, BookingResult } from "./ports";
import { resolveSlot } from "./resolve-slot";
import * as rules from "./rules";
import type { RequestSessionInput, SessionView } from "./schema";
import { slotOf } from "./slot-view";
import { seatConflict } from "./transition";
import { admitWrite } from "./write-admission";

/** Asks an expert for a session on their offer at one of their free slots; the slot is held for both. */
export function requestSession(deps: BookingDeps, user: UserView, input: RequestSessionInput, viewerTz?: string): BookingResult<SessionView> {
  return admitWrite(deps, () => request(deps, user, input, viewerTz));
}

async function request(deps: BookingDeps, user: UserView, input: RequestSessionInput, viewerTz?: string): BookingResult<SessionView> {
  // Independent reads, one round trip.
  const [conf, offer] = await Promise.all([currentConference(deps), deps.repo.offer(input.offerId)]);
  if (!conf.ok) return conf;
  const c = conf.value;
  const now = deps.now();
  if (!offer) return fail("NOT_FOUND", "That offer does not exist (any more).");
  if (!offer.active || offer.hidden) return fail("OFFER_UNAVAILABLE", "This offer is not open for requests right now.");
  if (offer.ownerId === user.id) return fail("CANNOT_BOOK_SELF", "This is your own offer; you cannot book a session with yourself.");
  const slot = await resolveSlot(deps, c, input.slotStart, now, input.slotId);
  if (!slot.ok) return slot;
  if (!(await deps.repo.isAvailable(offer.ownerId, slot.value.id))) {
    return fail("EXPERT_NOT_AVAILABLE", "The expert has not marked that time as free; pick one of their free slots.");
  }
  const id = deps.newId();
  const created = await deps.repo.createRequest(
    { conferenceId: c.id, offerId: offer.id, message: input.message?.trim() || null, requesterId: user.id, expertId: offer.ownerId, slotId: slot.value.id },
    now,
    (pendingCount) =>
      rules.openRequest({
        id,
        requesterId: user.id,
        expertId: offer.ownerId,
        slot: slotOf(slot.value),
        now,
        holdMinutes: deps.config.holdMinutes,
        walkupMinutes: deps.config.walkupMinutes,
        pendingCount,
        maxPending: deps.config.maxPending,
      }),
  );
  if (!created.ok) {
    if (created.code === "SEAT_TAKEN") return seatConflict(deps, user.id, { id: offer.ownerId, name: "The expert" }, slot.value.id);
    return created as Failure<BookingErrorCode>;
  }
  for (const lapsed of created.value.expired) emitChange(deps, lapsed);
  const s = (await deps.repo.session(id))!;
  return announce(deps, s, { userIds: [s.expertId], notice: notices.requestNew(s) }, user.id, now, viewerTz);
}

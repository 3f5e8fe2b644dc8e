/**
 * When the two people can act on an agreed session, decided once here: the use cases refuse
 * outside these windows and the session view sends them, so the buttons follow the same rule.
 */
type Timed = { slotStartUtc: Date; slotEndUtc: Date };

/** "We're here" opens this long before the slot. */
export const CHECK_IN_EARLY_MS = 10 * 60_000;
/** The session lab can be opened this long before the slot. */
export const LAB_EARLY_MS = 5 * 60_000;

export const checkInOpensAt = (s: Timed) => new Date(s.slotStartUtc.getTime() - CHECK_IN_EARLY_MS);
export const labOpensAt = (s: Timed) => new Date(s.slotStartUtc.getTime() - LAB_EARLY_MS);

const within = (opensAt: Date, s: Timed, now: Date) => now.getTime() >= opensAt.getTime() && now.getTime() < s.slotEndUtc.getTime();

export const isCheckInOpen = (s: Timed, now: Date) => within(checkInOpensAt(s), s, now);
export const isLabOpen = (s: Timed, now: Date) => within(labOpensAt(s), s, now);

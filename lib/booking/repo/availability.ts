import type { Db } from "@/lib/db";
import { TX } from "./conflicts";

export interface ExpertNow {
  id: string;
  name: string;
  headline: string;
  slotIds: string[];
  offers: { id: string; title: string }[];
}

/** Who marked which slots free, and who sits in a live session when (their seats, kept by a trigger). */
export interface AvailabilityRepo {
  availableSlotIds(userId: string, conferenceId: string): Promise<Set<string>>;
  isAvailable(userId: string, slotId: string): Promise<boolean>;
  /** Slots where the person sits in a live session (their seats, kept by the trigger). */
  busySlotIds(userId: string, conferenceId: string): Promise<Set<string>>;
  hasSeat(userId: string, slotId: string): Promise<boolean>;
  setAvailability(userId: string, conferenceId: string, change: { replaceAll?: boolean; add: string[]; remove: string[] }): Promise<void>;
  /** People available in any of these slots who own an active offer, with those slots. */
  expertsAvailableIn(slotIds: string[]): Promise<ExpertNow[]>;
  seatedUserIds(slotIds: string[]): Promise<Map<string, Set<string>>>;
}

export function availabilityRepo(db: Db): AvailabilityRepo {
  return {
    async availableSlotIds(userId, conferenceId) {
      const rows = await db.availability.findMany({ where: { userId, slot: { conferenceId } }, select: { slotId: true } });
      return new Set(rows.map((r) => r.slotId));
    },

    async isAvailable(userId, slotId) {
      return (await db.availability.count({ where: { userId, slotId } })) > 0;
    },

    async busySlotIds(userId, conferenceId) {
      const rows = await db.sessionSeat.findMany({ where: { userId, session: { conferenceId } }, select: { slotId: true } });
      return new Set(rows.map((r) => r.slotId));
    },

    async hasSeat(userId, slotId) {
      return (await db.sessionSeat.count({ where: { userId, slotId } })) > 0;
    },

    async setAvailability(userId, conferenceId, change) {
      await db.$transaction(async (tx) => {
        if (change.replaceAll) await tx.availability.deleteMany({ where: { userId, slot: { conferenceId } } });
        else if (change.remove.length) await tx.availability.deleteMany({ where: { userId, slotId: { in: change.remove } } });
        if (change.add.length) await tx.availability.createMany({ data: change.add.map((slotId) => ({ userId, slotId })), skipDuplicates: true });
      }, TX);
    },

    async expertsAvailableIn(slotIds) {
      if (slotIds.length === 0) return [];
      const rows = await db.user.findMany({
        where: { availability: { some: { slotId: { in: slotIds } } }, offers: { some: { active: true, hiddenAt: null } } },
        select: {
          id: true,
          name: true,
          profile: { select: { headline: true } },
          availability: { where: { slotId: { in: slotIds } }, select: { slotId: true } },
          offers: { where: { active: true, hiddenAt: null }, select: { id: true, title: true }, orderBy: { createdAt: "asc" }, take: 5 },
        },
        orderBy: { name: "asc" },
        take: 500,
      });
      return rows.map((u) => ({
        id: u.id,
        name: u.name,
        headline: u.profile?.headline ?? "",
        slotIds: u.availability.map((a) => a.slotId),
        offers: u.offers,
      }));
    },

    async seatedUserIds(slotIds) {
      const rows = await db.sessionSeat.findMany({ where: { slotId: { in: slotIds } }, select: { slotId: true, userId: true } });
      const out = new Map<string, Set<string>>(slotIds.map((id) => [id, new Set<string>()]));
      for (const r of rows) out.get(r.slotId)?.add(r.userId);
      return out;
    },
  };
}

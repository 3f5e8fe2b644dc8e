import type { Db } from "@/lib/db";
import type { ExistingSlot, Slot } from "../slots";
import { LIVE, TX } from "./conflicts";

export interface SlotRow {
  id: string;
  conferenceId: string;
  startsAt: Date;
  endsAt: Date;
}

/** The conference's stored mingle slots. */
export interface SlotRepo {
  listSlots(conferenceId: string, range?: { from?: Date; to?: Date }): Promise<SlotRow[]>;
  slotById(id: string): Promise<SlotRow | null>;
  slotAt(conferenceId: string, startsAt: Date): Promise<SlotRow | null>;
  existingSlots(conferenceId: string): Promise<ExistingSlot[]>;
  /**
   * Applies a slot plan in one transaction, one sync per conference at a time (advisory lock).
   * A session created meanwhile on a slot being removed makes the delete fail: the caller replans.
   */
  applySlotPlan(conferenceId: string, plan: { removeIds: string[]; create: Slot[] }): Promise<void>;
}

const slotSelect = { id: true, conferenceId: true, startsAt: true, endsAt: true } as const;

export function slotRepo(db: Db): SlotRepo {
  return {
    async listSlots(conferenceId, range) {
      return db.mingleSlot.findMany({
        where: { conferenceId, startsAt: { gte: range?.from, lt: range?.to } },
        select: slotSelect,
        orderBy: { startsAt: "asc" },
      });
    },

    async slotById(id) {
      return db.mingleSlot.findUnique({ where: { id }, select: slotSelect });
    },

    async slotAt(conferenceId, startsAt) {
      return db.mingleSlot.findUnique({ where: { conferenceId_startsAt: { conferenceId, startsAt } }, select: slotSelect });
    },

    async existingSlots(conferenceId) {
      const rows = await db.mingleSlot.findMany({
        where: { conferenceId },
        select: { id: true, startsAt: true, endsAt: true, sessions: { select: { status: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        startUtc: r.startsAt,
        endUtc: r.endsAt,
        sessions: r.sessions.length,
        liveSessions: r.sessions.filter((s) => LIVE.includes(s.status)).length,
      }));
    },

    async applySlotPlan(conferenceId, plan) {
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`slots:${conferenceId}`}))`;
        if (plan.removeIds.length) {
          const { count } = await tx.mingleSlot.deleteMany({ where: { id: { in: plan.removeIds }, sessions: { none: {} } } });
          if (count !== plan.removeIds.length) throw new Error("A slot gained a session during the sync");
        }
        if (plan.create.length) {
          await tx.mingleSlot.createMany({
            data: plan.create.map((s) => ({ conferenceId, startsAt: s.startUtc, endsAt: s.endUtc })),
            skipDuplicates: true,
          });
        }
      }, TX);
    },
  };
}

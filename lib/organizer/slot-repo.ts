import { generateSlots } from "@/lib/booking/slots";
import type { Db } from "@/lib/db";
import { fail, ok, type Result } from "@/lib/errors";
import { diffSlots } from "./rules";

export interface SlotSyncResult {
  slotMinutes: number;
  created: number;
  removed: number;
  kept: number;
  total: number;
}

const LIVE = ["PENDING", "ACCEPTED"] as const;

function isExclusionViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } }; message?: string };
  return e?.code === "23P01" || e?.meta?.driverAdapterError?.cause?.originalCode === "23P01" || /MingleSlot_no_overlap/.test(e?.message ?? "");
}

/**
 * Makes the stored MingleSlot rows equal to what the conference's mingle hours and slot length
 * generate. One sync at a time per conference (advisory lock); the EXCLUDE constraint still has
 * the last word on overlaps.
 */
export async function syncConferenceSlots(db: Db, conferenceId: string): Promise<Result<SlotSyncResult>> {
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`slots:${conferenceId}`}))`;
        const c = await tx.conference.findUnique({
          where: { id: conferenceId },
          select: {
            id: true,
            timeZone: true,
            startDate: true,
            endDate: true,
            slotMinutes: true,
            mingleHours: { select: { day: true, opensAt: true, closesAt: true } },
          },
        });
        if (!c) return fail("NOT_FOUND", "No conference is set up yet.");
        const wanted = generateSlots(c, c.mingleHours, c.slotMinutes);
        if (!wanted.ok) return wanted;
        const stored = await tx.mingleSlot.findMany({
          where: { conferenceId },
          select: {
            id: true,
            startsAt: true,
            endsAt: true,
            _count: { select: { sessions: true } },
            sessions: { where: { status: { in: [...LIVE] } }, select: { id: true } },
          },
        });
        const diff = diffSlots(
          stored.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, sessions: s._count.sessions, liveSessions: s.sessions.length })),
          wanted.value,
        );
        if (diff.blocked.length > 0) {
          const live = diff.blocked.reduce((n, s) => n + s.liveSessions, 0);
          const all = diff.blocked.reduce((n, s) => n + s.sessions, 0);
          return fail(
            "SLOTS_IN_USE",
            `${diff.blocked.length} slot(s) that the new hours or slot length would remove hold ${all} session(s)` +
              (live > 0 ? `, ${live} of them live: cancel or move those sessions first.` : " (past requests kept for the record)."),
          );
        }
        if (diff.remove.length > 0) await tx.mingleSlot.deleteMany({ where: { id: { in: diff.remove.map((s) => s.id) } } });
        if (diff.create.length > 0) {
          await tx.mingleSlot.createMany({ data: diff.create.map((s) => ({ conferenceId, startsAt: s.startUtc, endsAt: s.endUtc })) });
        }
        return ok({
          slotMinutes: c.slotMinutes,
          created: diff.create.length,
          removed: diff.remove.length,
          kept: diff.keep.length,
          total: diff.keep.length + diff.create.length,
        });
      },
      { timeout: 20_000 },
    );
  } catch (error) {
    if (isExclusionViolation(error)) return fail("CONFLICT", "The slots changed while generating; please try again.");
    throw error;
  }
}

import type { Db } from "@/lib/db";
import type { LapsedSession } from "./requests";
import { expireLapsedWhere } from "./session-events";

export interface SoonSession {
  id: string;
  requesterId: string;
  expertId: string;
  sequence: number;
  startsAt: Date;
  offerTitle: string;
  tableLabel: string | null;
  areaName: string | null;
}

/** An agreed session with a lab, about to start: its lab is reserved ahead (lab-reservations.ts). */
export interface LabSessionSoon {
  id: string;
  requesterId: string;
  expertId: string;
  labTemplate: string;
  startsAt: Date;
  endsAt: Date;
  areaId: string | null;
}

/** What the background sweep reads and writes: lapsed holds and sessions about to start. */
export interface SweepRepo {
  /** The sweeper: every pending request whose hold ran out becomes EXPIRED (sequence bumped, history written). */
  expireLapsed(now: Date): Promise<LapsedSession[]>;
  acceptedStartingBetween(from: Date, to: Date): Promise<SoonSession[]>;
  /** Agreed sessions whose offer has a lab template and whose slot starts in (from, to]. */
  labSessionsStartingBetween(from: Date, to: Date): Promise<LabSessionSoon[]>;
}

export function sweepRepo(db: Db): SweepRepo {
  return {
    expireLapsed: (now) => expireLapsedWhere(db, now),

    async labSessionsStartingBetween(from, to) {
      const rows = await db.mingleSession.findMany({
        where: { status: "ACCEPTED", slot: { startsAt: { gt: from, lte: to } }, offer: { labTemplate: { not: null } } },
        select: {
          id: true,
          requesterId: true,
          expertId: true,
          slot: { select: { startsAt: true, endsAt: true } },
          offer: { select: { labTemplate: true } },
          table: { select: { areaId: true } },
        },
      });
      return rows.map((r) => ({
        id: r.id,
        requesterId: r.requesterId,
        expertId: r.expertId,
        labTemplate: r.offer.labTemplate!,
        startsAt: r.slot.startsAt,
        endsAt: r.slot.endsAt,
        areaId: r.table?.areaId ?? null,
      }));
    },

    async acceptedStartingBetween(from, to) {
      const rows = await db.mingleSession.findMany({
        where: { status: "ACCEPTED", slot: { startsAt: { gt: from, lte: to } } },
        select: {
          id: true,
          requesterId: true,
          expertId: true,
          sequence: true,
          slot: { select: { startsAt: true } },
          offer: { select: { title: true } },
          table: { select: { label: true, area: { select: { name: true } } } },
        },
      });
      return rows.map((r) => ({
        id: r.id,
        requesterId: r.requesterId,
        expertId: r.expertId,
        sequence: r.sequence,
        startsAt: r.slot.startsAt,
        offerTitle: r.offer.title,
        tableLabel: r.table?.label ?? null,
        areaName: r.table?.area.name ?? null,
      }));
    },
  };
}

import type { Db } from "@/lib/db";

export interface DashboardData {
  counts: { attendees: number; offers: number; pendingToday: number; acceptedToday: number; runningLabs: number };
  slots: Array<{ id: string; startsAt: Date; endsAt: Date; pending: number }>;
  tables: Array<{ id: string; label: string; area: string }>;
  sessions: Array<{
    id: string;
    slotId: string;
    tableId: string;
    title: string;
    requester: { id: string; name: string };
    expert: { id: string; name: string };
    checkedIn: number;
  }>;
  audit: Array<{ id: string; at: Date; actor: string; action: string; subjectType: string; subjectId: string; details: unknown }>;
}

export interface DashboardRepo {
  /** Everything the Mingle desk shows for the day [from, to). */
  load(conferenceId: string, from: Date, to: Date): Promise<DashboardData>;
}

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function dashboardRepo(db: Db): DashboardRepo {
  return {
    async load(conferenceId, from, to) {
      const inDay = { conferenceId, slot: { startsAt: { gte: from, lt: to } } };
      const [attendees, offers, pendingToday, acceptedToday, runningLabs, slots, areas, sessions, audit] = await Promise.all([
        db.user.count({ where: { role: "ATTENDEE" } }),
        db.offer.count({ where: { active: true, hiddenAt: null } }),
        db.mingleSession.count({ where: { ...inDay, status: "PENDING" } }),
        db.mingleSession.count({ where: { ...inDay, status: "ACCEPTED" } }),
        db.lab.count({ where: { status: { in: ["CREATING", "BOOTING", "READY"] } } }),
        db.mingleSlot.findMany({
          where: { conferenceId, startsAt: { gte: from, lt: to } },
          orderBy: { startsAt: "asc" },
          select: { id: true, startsAt: true, endsAt: true, _count: { select: { sessions: { where: { status: "PENDING" } } } } },
        }),
        db.mingleArea.findMany({ where: { conferenceId }, orderBy: { name: "asc" }, select: { name: true, tables: { select: { id: true, label: true } } } }),
        db.mingleSession.findMany({
          where: { ...inDay, status: "ACCEPTED", tableId: { not: null } },
          select: {
            id: true,
            slotId: true,
            tableId: true,
            offer: { select: { title: true } },
            requester: { select: { id: true, name: true } },
            expert: { select: { id: true, name: true } },
            feedback: { where: { checkedInAt: { not: null } }, select: { userId: true } },
          },
        }),
        db.auditEntry.findMany({
          orderBy: { createdAt: "desc" },
          take: 15,
          select: { id: true, createdAt: true, action: true, subjectType: true, subjectId: true, details: true, actor: { select: { name: true } } },
        }),
      ]);
      return {
        counts: { attendees, offers, pendingToday, acceptedToday, runningLabs },
        slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, pending: s._count.sessions })),
        tables: areas.flatMap((a) => [...a.tables].sort((x, y) => natural.compare(x.label, y.label)).map((t) => ({ ...t, area: a.name }))),
        sessions: sessions.map((s) => ({
          id: s.id,
          slotId: s.slotId,
          tableId: s.tableId!,
          title: s.offer.title,
          requester: s.requester,
          expert: s.expert,
          checkedIn: s.feedback.length,
        })),
        audit: audit.map((a) => ({ id: a.id, at: a.createdAt, actor: a.actor.name, action: a.action, subjectType: a.subjectType, subjectId: a.subjectId, details: a.details })),
      };
    },
  };
}

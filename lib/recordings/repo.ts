import type { Db } from "@/lib/db";

/** A recording's row: the file itself is its chunks, in seq order. */
export interface RecordingRecord {
  id: string;
  labId: string;
  sessionId: string;
  startedAt: Date;
  endedAt: Date | null;
  bytes: number;
  input: boolean;
  truncated: boolean;
  droppedBytes: number;
  /** Chunks written so far (the next chunk's seq). */
  chunks: number;
}

/** What deciding on a lab's recording needs to know of it and of its session. */
export interface RecordableLab {
  labId: string;
  templateName: string;
  sessionId: string | null;
  /** The session's two people, and who turned its recording off (null: nobody). */
  session: { requesterId: string; expertId: string; recordingOffById: string | null } | null;
}

export interface SessionRecordingState {
  sessionId: string;
  requesterId: string;
  expertId: string;
  recordingOffById: string | null;
  labTemplate: string | null;
  /** Recordings of the session begun: once there is one, the choice is fixed. */
  recordings: number;
}

export interface NewRecording {
  labId: string;
  sessionId: string;
  startedAt: Date;
  input: boolean;
}

export interface RecordingRepo {
  lab(labId: string): Promise<RecordableLab | null>;
  session(sessionId: string): Promise<SessionRecordingState | null>;
  /** Sets who turned recording off (null: on), unless a recording of the session has begun; false then. */
  setRecordingOff(sessionId: string, offById: string | null): Promise<boolean>;
  byLab(labId: string): Promise<RecordingRecord | null>;
  /** The lab's recording, created if there is none yet (one per lab, whichever process asks first). */
  createOrGet(r: NewRecording): Promise<RecordingRecord>;
  /** Appends one chunk and counts it (and the file's new state) in one transaction. */
  append(recordingId: string, seq: number, data: Buffer, patch: { truncated?: boolean; droppedBytes?: number }): Promise<void>;
  end(recordingId: string, at: Date): Promise<void>;
  get(recordingId: string): Promise<(RecordingRecord & { session: { requesterId: string; expertId: string } }) | null>;
  listForSession(sessionId: string): Promise<RecordingRecord[]>;
  /** The whole file: its chunks in order. */
  content(recordingId: string): Promise<Buffer>;
  /** Deletes recordings that started before `before`; how many. */
  deleteStartedBefore(before: Date): Promise<number>;
}

const recordingSelect = {
  id: true,
  labId: true,
  sessionId: true,
  startedAt: true,
  endedAt: true,
  bytes: true,
  input: true,
  truncated: true,
  droppedBytes: true,
  _count: { select: { chunks: true } },
} as const;

type Row = Omit<RecordingRecord, "chunks"> & { _count: { chunks: number } };

function record({ _count, ...r }: Row): RecordingRecord {
  return { ...r, chunks: _count.chunks };
}

export function recordingRepo(db: Db): RecordingRepo {
  return {
    async lab(labId) {
      const lab = await db.lab.findUnique({ where: { id: labId }, select: { id: true, templateName: true, sessionId: true } });
      if (!lab) return null;
      const session = lab.sessionId
        ? await db.mingleSession.findUnique({ where: { id: lab.sessionId }, select: { requesterId: true, expertId: true, recordingOffById: true } })
        : null;
      return { labId: lab.id, templateName: lab.templateName, sessionId: lab.sessionId, session };
    },

    async session(sessionId) {
      const s = await db.mingleSession.findUnique({
        where: { id: sessionId },
        select: { id: true, requesterId: true, expertId: true, recordingOffById: true, offer: { select: { labTemplate: true } } },
      });
      if (!s) return null;
      const recordings = await db.terminalRecording.count({ where: { sessionId } });
      return { sessionId: s.id, requesterId: s.requesterId, expertId: s.expertId, recordingOffById: s.recordingOffById, labTemplate: s.offer.labTemplate, recordings };
    },

    async setRecordingOff(sessionId, offById) {
      const { count } = await db.mingleSession.updateMany({ where: { id: sessionId, recordings: { none: {} } }, data: { recordingOffById: offById } });
      return count === 1;
    },

    async byLab(labId) {
      const r = await db.terminalRecording.findUnique({ where: { labId }, select: recordingSelect });
      return r ? record(r) : null;
    },

    async createOrGet(n) {
      const r = await db.terminalRecording.upsert({
        where: { labId: n.labId },
        create: { labId: n.labId, sessionId: n.sessionId, startedAt: n.startedAt, input: n.input },
        update: {},
        select: recordingSelect,
      });
      return record(r);
    },

    async append(recordingId, seq, data, patch) {
      await db.$transaction([
        db.terminalRecordingChunk.create({ data: { recordingId, seq, data: new Uint8Array(data) }, select: { seq: true } }),
        db.terminalRecording.update({
          where: { id: recordingId },
          data: {
            bytes: { increment: data.length },
            ...(patch.truncated ? { truncated: true } : {}),
            ...(patch.droppedBytes ? { droppedBytes: { increment: patch.droppedBytes } } : {}),
          },
          select: { id: true },
        }),
      ]);
    },

    async end(recordingId, at) {
      await db.terminalRecording.updateMany({ where: { id: recordingId, endedAt: null }, data: { endedAt: at } });
    },

    async get(recordingId) {
      const r = await db.terminalRecording.findUnique({ where: { id: recordingId }, select: { ...recordingSelect, session: { select: { requesterId: true, expertId: true } } } });
      if (!r) return null;
      const { session, ...rest } = r;
      return { ...record(rest), session };
    },

    async listForSession(sessionId) {
      const rows = await db.terminalRecording.findMany({ where: { sessionId }, orderBy: { startedAt: "asc" }, select: recordingSelect });
      return rows.map(record);
    },

    async content(recordingId) {
      const chunks = await db.terminalRecordingChunk.findMany({ where: { recordingId }, orderBy: { seq: "asc" }, select: { data: true } });
      return Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
    },

    async deleteStartedBefore(before) {
      const { count } = await db.terminalRecording.deleteMany({ where: { startedAt: { lt: before } } });
      return count;
    },
  };
}

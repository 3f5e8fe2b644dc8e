import { randomBytes } from "node:crypto";

/**
 * Preview sessions: what a spent token was exchanged for. The session's id is its host name's
 * first label, so every request to that host is this person, this lab, this port, with no cookie
 * (an iframe on Mingle's page is a third-party context, where cookies are unreliable). Idle ones
 * end after `idleMs`, and none outlives its lab's end. The server keeps them in Redis
 * (redis-preview-sessions.ts), so a preview opened through one process works through any other
 * and survives a restart; unit tests use the in-memory one below.
 */
export interface PreviewSession {
  id: string;
  labId: string;
  port: number;
  userId: string;
  readOnly: boolean;
  /** Epoch ms: the lab's end, or the idle limit, whichever is first. */
  endsAt: number;
  labEndsAt: number;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export function newSessionId(): string {
  const bytes = randomBytes(26);
  let id = "";
  for (const b of bytes) id += BASE32[b & 31];
  return id;
}

export interface PreviewSessionStore {
  /** Marks a token's nonce used; false when it was used before (a token is exchanged once). */
  spend(nonce: string, expiresAt: number): Promise<boolean>;
  create(s: Omit<PreviewSession, "id" | "endsAt">): Promise<PreviewSession>;
  /** The live session, its idle limit pushed on; undefined once it ended. */
  touch(id: string): Promise<PreviewSession | undefined>;
}

/** In this process's memory, bounded in number (the oldest go first). */
export class PreviewSessions implements PreviewSessionStore {
  private readonly sessions = new Map<string, PreviewSession>();
  private readonly spent = new Map<string, number>();

  constructor(private readonly opts: { idleMs: number; max: number; now?: () => number }) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  async spend(nonce: string, expiresAt: number): Promise<boolean> {
    this.sweep();
    if (this.spent.has(nonce)) return false;
    this.spent.set(nonce, expiresAt);
    return true;
  }

  async create(s: Omit<PreviewSession, "id" | "endsAt">): Promise<PreviewSession> {
    this.sweep();
    // The oldest go first when full: a flood of exchanges cannot grow memory without bound.
    while (this.sessions.size >= this.opts.max) this.sessions.delete(this.sessions.keys().next().value!);
    const session = { ...s, id: newSessionId(), endsAt: Math.min(s.labEndsAt, this.now() + this.opts.idleMs) };
    this.sessions.set(session.id, session);
    return session;
  }

  async touch(id: string): Promise<PreviewSession | undefined> {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const now = this.now();
    if (s.endsAt <= now) {
      this.sessions.delete(id);
      return undefined;
    }
    s.endsAt = Math.min(s.labEndsAt, now + this.opts.idleMs);
    return s;
  }

  private sweep(): void {
    const now = this.now();
    for (const [nonce, at] of this.spent) if (at <= now) this.spent.delete(nonce);
    for (const [id, s] of this.sessions) if (s.endsAt <= now) this.sessions.delete(id);
  }
}

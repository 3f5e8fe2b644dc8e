import type { Redis } from "ioredis";
import { newSessionId, type PreviewSession, type PreviewSessionStore } from "./sessions";

/** A touch rewrites the session (its new idle end) only when that moved by at least this much: not once per request. */
const REWRITE_MS = 30_000;

/**
 * Preview sessions and spent nonces in Redis, each key expiring with what it stands for (PX), so
 * every server process serves every preview and nothing needs sweeping. Keys: `key("session", id)`
 * and `key("spent", nonce)`, under redisKey("preview") in the server.
 */
export function redisPreviewSessions(opts: { client: () => Redis; key: (...parts: string[]) => string; idleMs: number; now?: () => number }): PreviewSessionStore {
  const now = opts.now ?? Date.now;
  const save = (s: PreviewSession) => opts.client().set(opts.key("session", s.id), JSON.stringify(s), "PX", Math.max(1, s.endsAt - now()));
  return {
    async spend(nonce, expiresAt) {
      return (await opts.client().set(opts.key("spent", nonce), "1", "PX", Math.max(1, expiresAt - now()), "NX")) === "OK";
    },
    async create(s) {
      const session = { ...s, id: newSessionId(), endsAt: Math.min(s.labEndsAt, now() + opts.idleMs) };
      await save(session);
      return session;
    },
    async touch(id) {
      const text = await opts.client().get(opts.key("session", id));
      if (!text) return undefined;
      const s = JSON.parse(text) as PreviewSession;
      const t = now();
      if (s.endsAt <= t) return undefined;
      const endsAt = Math.min(s.labEndsAt, t + opts.idleMs);
      if (endsAt - s.endsAt >= REWRITE_MS) await save({ ...s, endsAt });
      return { ...s, endsAt };
    },
  };
}

import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { remember } from "@/lib/singleton";

/**
 * The process's Redis connections (ioredis), remembered like the Prisma client: one for commands,
 * and subscribers made from it on demand (a subscribed connection can do nothing else). Redis holds
 * what Mingle's processes share that is not data: socket.io fan-out, throttles, leases and caches.
 *
 * Commands queue while the connection is down and fail after `maxRetriesPerRequest` tries, so a
 * Redis blip delays requests instead of failing them, and an outage fails them within seconds.
 */
const connections = () => remember("redis", () => ({ client: undefined as Redis | undefined, extra: [] as Redis[] }));

function connect(name: string): Redis {
  return new Redis(env().REDIS_URL, {
    connectionName: `mingle-${name}-${process.pid}`,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** The shared command connection. */
export function redis(): Redis {
  const c = connections();
  c.client ??= connect("main");
  return c.client;
}

/** A connection of its own (for SUBSCRIBE or blocking reads), closed with the others by closeRedis(). */
export function redisConnection(name: string): Redis {
  const conn = connect(name);
  connections().extra.push(conn);
  return conn;
}

/** A key or channel name under this Mingle's REDIS_PREFIX: redisKey("throttle", "signin") → "mingle:throttle:signin". */
export function redisKey(...parts: string[]): string {
  return `${env().REDIS_PREFIX}${parts.join(":")}`;
}

/** Redis did not answer: lib/dependency-outage.ts maps it to the "redis" outage (503 with a sentence). */
export class RedisUnavailableError extends Error {
  constructor(cause?: unknown) {
    super(`Redis is not answering${cause instanceof Error ? `: ${cause.message}` : ""}`, { cause });
    this.name = "RedisUnavailableError";
  }
}

/** ioredis states in which a command would only queue behind reconnection attempts. */
const DOWN = new Set(["reconnecting", "close", "end"]);
/**
 * A connection still being made on first use (a process that just started) is waited for this long:
 * a start-up whose event loop is busy (compiling, loading) must not turn its first request into a 503.
 */
const FIRST_CONNECT_MS = 5_000;

/**
 * Resolves when the shared connection can answer, so a request that depends on Redis fails at
 * once (RedisUnavailableError) while Redis is known to be down instead of waiting through
 * ioredis's retries; a connection still being made for the first time is waited for a little.
 */
export async function whenRedisAnswers(): Promise<void> {
  const r = redis();
  if (r.status === "ready") return;
  if (DOWN.has(r.status)) throw new RedisUnavailableError();
  await new Promise<void>((resolve, reject) => {
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      r.off("ready", ready);
      reject(new RedisUnavailableError());
    }, FIRST_CONNECT_MS);
    r.once("ready", ready);
  });
}

export async function closeRedis(): Promise<void> {
  const c = connections();
  const all = [...(c.client ? [c.client] : []), ...c.extra];
  c.client = undefined;
  c.extra = [];
  await Promise.all(all.map((r) => r.quit().catch(() => r.disconnect())));
}

import type { Redis } from "ioredis";
import type { LeaseBackend } from "@/lib/labs/terminal-lease";
import type { ScrollbackStore } from "@/lib/labs/terminal-scrollback";

/**
 * The shared terminal's state in Redis (docs/decisions/0020). Scroll-back is one string per lab:
 * APPEND, cut back to the last `maxBytes` once it holds twice that (so a cut copies at most
 * `2 × maxBytes` once per `maxBytes` appended), read with GETRANGE: capped in bytes, exactly, in
 * one atomic script. The lease is a key with the holder's token and a time to live.
 */
const APPEND = `
local n = redis.call('APPEND', KEYS[1], ARGV[1])
local max = tonumber(ARGV[2])
if n > 2 * max then redis.call('SET', KEYS[1], redis.call('GETRANGE', KEYS[1], -max, -1)) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return n`;

const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Scripted = Redis & {
  mingleScrollbackAppend(key: string, data: Buffer, max: number, ttlMs: number): Promise<number>;
  mingleLeaseClaim(key: string, token: string, ttlMs: number): Promise<number>;
  mingleLeaseRelease(key: string, token: string): Promise<number>;
};

function scripted(client: Redis): Scripted {
  const c = client as Scripted;
  // defineCommand sends EVALSHA and falls back to EVAL once per connection; define once per client.
  if (typeof c.mingleScrollbackAppend !== "function") {
    client.defineCommand("mingleScrollbackAppend", { numberOfKeys: 1, lua: APPEND });
    client.defineCommand("mingleLeaseClaim", { numberOfKeys: 1, lua: CLAIM });
    client.defineCommand("mingleLeaseRelease", { numberOfKeys: 1, lua: RELEASE });
  }
  return c;
}

export function redisScrollbackStore(client: Redis, opts: { key: (labId: string) => string; maxBytes: number; ttlMs: number }): ScrollbackStore {
  const c = scripted(client);
  return {
    async append(labId, data) {
      await c.mingleScrollbackAppend(opts.key(labId), data, opts.maxBytes, opts.ttlMs);
    },
    async replace(labId, data) {
      await client.set(opts.key(labId), data, "PX", opts.ttlMs);
    },
    async read(labId) {
      return client.getrangeBuffer(opts.key(labId), -opts.maxBytes, -1);
    },
    async clear(labId) {
      await client.del(opts.key(labId));
    },
  };
}

export function redisLeaseBackend(client: Redis): LeaseBackend {
  const c = scripted(client);
  return {
    async claim(key, token, ttlMs) {
      return (await c.mingleLeaseClaim(key, token, ttlMs)) === 1;
    },
    async release(key, token) {
      await c.mingleLeaseRelease(key, token);
    },
  };
}

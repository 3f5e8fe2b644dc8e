import type { Redis } from "ioredis";
import type { LeaseStore } from "./leader-lease";

// Compare-and-act in one step on the server: only the token's holder renews or releases.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** The lease in Redis: SET NX PX to take it, Lua scripts to renew and release it by token. */
export function redisLeaseStore(client: () => Redis): LeaseStore {
  return {
    async acquire(key, token, ttlMs) {
      return (await client().set(key, token, "PX", ttlMs, "NX")) === "OK";
    },
    async renew(key, token, ttlMs) {
      return (await client().eval(RENEW, 1, key, token, String(ttlMs))) === 1;
    },
    async release(key, token) {
      await client().eval(RELEASE, 1, key, token);
    },
  };
}

import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis, redisKey, RedisUnavailableError, whenRedisAnswers } from "@/lib/redis";
import type { WindowLimit, WindowLimiter } from "./limiter";

/**
 * A WindowLimiter whose counts live in Redis (rate-limiter-flexible's RateLimiterRedis: one atomic
 * INCR + PEXPIRE per attempt), under redisKey("limit", name): every process counts into the same
 * window. Fixed windows, like the in-memory limiter it replaced: the first attempt opens one.
 * When Redis is away the calls throw RedisUnavailableError at once (no wait through ioredis's
 * retries), and the policy (policy.ts) decides.
 */
export function redisLimiter(name: string, limit: WindowLimit): WindowLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: redisKey("limit", name),
    points: limit.max,
    // Seconds, at least one: rate-limiter-flexible's windows are whole seconds.
    duration: Math.max(1, Math.ceil(limit.windowMs / 1000)),
  });
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    await whenRedisAnswers();
    try {
      return await run();
    } catch (error) {
      if (error instanceof RateLimiterRes) throw error;
      throw new RedisUnavailableError(error);
    }
  };
  return {
    async wait(key) {
      const res = await call(() => limiter.get(key));
      return res && res.consumedPoints >= limit.max ? Math.max(1, res.msBeforeNext) : 0;
    },
    async record(key) {
      await call(() => limiter.penalty(key, 1));
    },
    async take(key) {
      try {
        await call(() => limiter.consume(key, 1));
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
        throw error;
      }
    },
    async reset(key) {
      await call(() => limiter.delete(key));
    },
  };
}

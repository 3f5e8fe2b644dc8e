import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { remember } from "@/lib/singleton";
import type { WindowLimit, WindowLimiter } from "./limiter";
import { type OutageRule, waitFor } from "./policy";
import { redisLimiter } from "./redis-limiter";

/** One Redis limiter per limit and process (remembered: the server and Next's routes share them). */
function limiter(name: string, limit: WindowLimit): WindowLimiter {
  const all = remember("rate-limit.limiters", () => new Map<string, WindowLimiter>());
  const known = all.get(name);
  if (known) return known;
  const made = redisLimiter(name, limit);
  all.set(name, made);
  return made;
}

const warn = (event: string, fields: Record<string, unknown>) => logger.warn(event, fields);

function take(name: string, key: string, max: number, windowSeconds: number, rule: OutageRule): Promise<number> {
  if (max === 0) return Promise.resolve(0);
  return waitFor(name, () => limiter(name, { max, windowMs: windowSeconds * 1000 }).take(key), rule, { warn });
}

/** Counts one /api/v1 request of the caller ("user:<id>" or "address:<ip>"); ms to wait, 0 to go. Fails open. */
export function apiRequestWait(caller: string): Promise<number> {
  const e = env();
  return take("api", caller, e.API_RATE_LIMIT, e.API_RATE_WINDOW_SECONDS, "open");
}

/** Counts one standalone lab launch of the user; ms to wait, 0 to go. Fails open (LAB_MAX_PER_USER still holds). */
export function labLaunchWait(userId: string): Promise<number> {
  const e = env();
  return take("lab-launch", userId, e.LAB_LAUNCH_RATE_LIMIT, e.LAB_LAUNCH_RATE_WINDOW_SECONDS, "open");
}

import { errorSummary, outageOf } from "@/lib/dependency-outage";
import { fail, type Failure } from "@/lib/errors";

/**
 * What a limit does when its store (Redis) does not answer:
 * - "open": let the request through and warn. For limits that only shield capacity (the API in
 *   general, lab launches, which have their own per-user cap in the database): refusing everyone
 *   because Redis blinked would turn a Redis outage into a Mingle outage.
 * - "closed": the outage propagates (a 503 at the edge). For limits that stop password guessing and
 *   account flooding (sign-in, sign-up, host joins): without them an attacker gets unlimited tries
 *   exactly while Redis is away.
 */
export type OutageRule = "open" | "closed";

export interface LimitPolicy {
  /** Logs the event and its fields (lib/log.ts in the server; a spy in tests). */
  warn: (event: string, fields: Record<string, unknown>) => void;
}

/**
 * How long the caller must wait (0: go ahead), given one limiter call (`attempt`: wait or take),
 * applying the limit's outage rule. Any error that is not a Redis outage is a bug and throws.
 */
export async function waitFor(name: string, attempt: () => Promise<number>, rule: OutageRule, policy: LimitPolicy): Promise<number> {
  try {
    return await attempt();
  } catch (error) {
    if (rule === "closed" || outageOf(error) !== "redis") throw error;
    policy.warn("rate_limit.store_unavailable", { limit: name, allowed: true, error: errorSummary(error) });
    return 0;
  }
}

/** Retry-After in whole seconds (at least 1) for a wait in ms. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** "in 3 minutes" / "in 20 seconds": how a refusal says when to come back. */
export function inHowLong(waitMs: number): string {
  if (waitMs >= 60_000) {
    const minutes = Math.ceil(waitMs / 60_000);
    return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  const seconds = retryAfterSeconds(waitMs);
  return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
}

/** A refusal with its code, a sentence that says when to come back, and the Retry-After it carries. */
export function limited<C extends string>(code: C, what: string, waitMs: number): Failure<C> {
  return { ...fail(code, `${what}. Try again ${inHowLong(waitMs)}.`), retryAfterSeconds: retryAfterSeconds(waitMs) };
}

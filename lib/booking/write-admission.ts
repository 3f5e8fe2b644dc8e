import { env } from "@/lib/env";
import type { Result } from "@/lib/errors";
import { createAdmission, type Admission } from "@/lib/overload/admission";
import { remember } from "@/lib/singleton";
import type { BookingDeps } from "./ports";

/**
 * The booking writes' one admission gate per process. Each write (read, decide, compare-and-set,
 * re-read) runs a few dozen queries and a transaction that holds a pool connection across round
 * trips; with hundreds at once every query queued behind every other inside the pool, all of them
 * finished late together, and past Prisma's 15 s transaction limit they became 500s. Here they
 * queue in the open, first come first served: a little under the pool size run at once (page reads
 * keep a couple of connections), a bounded number wait, none longer than 10 s, and the rest are told
 * 503 with Retry-After without touching the database.
 */
export const WRITE_QUEUE_MAX = 2000;
export const WRITE_WAIT_MS = 10_000;

export function writeConcurrency(poolSize: number): number {
  return Math.max(1, poolSize - 2);
}

const processWrites = (): Admission =>
  remember("booking.write-admission", () => createAdmission({ maxConcurrent: writeConcurrency(env().DATABASE_POOL_SIZE), maxQueued: WRITE_QUEUE_MAX, maxWaitMs: WRITE_WAIT_MS }));

/** Runs one booking write once admitted; past the bound, OVERLOADED and nothing was read or written. */
export function admitWrite<T, C extends string>(deps: Pick<BookingDeps, "writes">, work: () => Promise<Result<T, C>>): Promise<Result<T, C | "OVERLOADED">> {
  return (deps.writes ?? processWrites()).run(work);
}

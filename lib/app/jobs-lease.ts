import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { redis, redisKey } from "@/lib/redis";
import { remember } from "@/lib/singleton";
import { LeaderLease } from "./leader-lease";
import { redisLeaseStore } from "./redis-lease-store";

const holder = () => remember("app.jobs-lease", () => ({ lease: undefined as LeaderLease | undefined }));

/**
 * The deployment's one jobs lease (redisKey("lease", "jobs"), JOBS_LEASE_MS): the process that
 * holds it runs the once-per-deployment work that lib/app/slices.ts hands it.
 */
export function startJobsLease(jobs: { lead: () => Promise<void>; follow: () => Promise<void> }): void {
  const h = holder();
  if (h.lease) return;
  h.lease = new LeaderLease({
    store: redisLeaseStore(redis),
    key: redisKey("lease", "jobs"),
    token: `${hostname()}:${process.pid}:${randomUUID()}`,
    ttlMs: env().JOBS_LEASE_MS,
    onLead: jobs.lead,
    onFollow: jobs.follow,
    log: (event, fields) => (event === "lease.leading" || event === "lease.following" ? logger.info(event, fields) : logger.warn(event, fields)),
  });
  h.lease.start();
}

/** Whether this process runs the once-per-deployment jobs now. */
export function holdsJobsLease(): boolean {
  return holder().lease?.isLeader ?? false;
}

/** Server stop: the jobs stop here, and the lease is released so another process takes them at once. */
export async function stopJobsLease(): Promise<void> {
  const h = holder();
  const lease = h.lease;
  h.lease = undefined;
  await lease?.stop();
}

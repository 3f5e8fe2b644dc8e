import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { appMetrics } from "@/lib/metrics/registry";
import { remember } from "@/lib/singleton";

export function createPrismaClient(url: string = env().DATABASE_URL, poolSize: number = env().DATABASE_POOL_SIZE): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

/**
 * The only Prisma client, shared by the custom server and Next's bundles. Its pg pool is made
 * here, not by the adapter, so /metrics can read the pool's use (the adapter still ends it on
 * $disconnect).
 */
export const db: PrismaClient = remember("db", () => {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  appMetrics().probes.dbPool = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
});

export type Db = PrismaClient;
export { Prisma } from "@/lib/generated/prisma/client";

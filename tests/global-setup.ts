import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";
import { deleteRedisKeys } from "@/lib/testing/redis-keys";

/**
 * Integration tests run against a fresh PostgreSQL database made for this run, migrated with the
 * same step the app uses, and dropped afterwards (set KEEP_TEST_DB=1 to keep it for a look), and
 * with Redis keys of their own (Redis is shared with whatever else runs on the machine: a dev
 * server, the e2e run), deleted afterwards too.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
  const url = `${base}/mingle_it_${Date.now().toString(36)}_${process.pid}`;
  await ensureDatabase(url);
  await applyMigrations(url, "prisma/migrations");
  process.env.DATABASE_URL = url;
  const prefix = `mingle-it-${Date.now().toString(36)}-${process.pid}`;
  process.env.REDIS_PREFIX = `${prefix}:`;
  return async () => {
    if (process.env.KEEP_TEST_DB) return;
    await dropDatabase(url);
    await deleteRedisKeys(`${prefix}*`);
  };
}

import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";

/**
 * A database of its own, migrated like the app's, for an integration test file whose assertions
 * need to see only its own rows (counts, totals). Most files share the run's database instead.
 */
export async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
  const url = `${base}/mingle_${name}_${Date.now().toString(36)}_${process.pid}`;
  await ensureDatabase(url);
  await applyMigrations(url, "prisma/migrations");
  return { url, drop: () => (process.env.KEEP_TEST_DB ? Promise.resolve() : dropDatabase(url)) };
}

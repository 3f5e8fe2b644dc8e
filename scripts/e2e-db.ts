// A fresh, migrated and seeded database (and fresh Redis keys) for one end-to-end run (Playwright's webServer runs this
// right before it starts the server).
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";

const url = process.env.DATABASE_URL;
if (!url || !/mingle_e2e/.test(url)) throw new Error("e2e-db.ts only prepares a database whose name contains mingle_e2e");
await dropDatabase(url);
await ensureDatabase(url);
await applyMigrations(url, "prisma/migrations");
// Fresh shared state too: throttle counts, leases and warm labs of an earlier run live in Redis.
const prefix = process.env.REDIS_PREFIX;
if (prefix?.startsWith("mingle-e2e-")) {
  const { deleteRedisKeys } = await import("@/lib/testing/redis-keys");
  await deleteRedisKeys(`${prefix}*`);
}
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/lib/testing/demo-data");
await seedDemo(db);
await db.$disconnect();
console.log(`e2e database ready: ${new URL(url).pathname.slice(1)}`);

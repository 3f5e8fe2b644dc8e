// A fresh, migrated and seeded database for one end-to-end run (Playwright's webServer runs this
// right before it starts the server).
import { applyMigrations, dropDatabase, ensureDatabase } from "@/lib/migrations";

const url = process.env.DATABASE_URL;
if (!url || !/mingle_e2e/.test(url)) throw new Error("e2e-db.ts only prepares a database whose name contains mingle_e2e");
await dropDatabase(url);
await ensureDatabase(url);
await applyMigrations(url, "prisma/migrations");
const { db } = await import("@/lib/db");
const { seedDemo } = await import("@/lib/testing/demo-data");
await seedDemo(db);
await db.$disconnect();
console.log(`e2e database ready: ${new URL(url).pathname.slice(1)}`);

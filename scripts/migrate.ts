// Creates the database when missing and applies pending migrations. Used by the start and test
// commands; `prisma migrate deploy` reads the same files and table where its engine is available.
import { env } from "@/lib/env";
import { applyMigrations, ensureDatabase } from "@/lib/migrations";

const url = env().DATABASE_URL;
const created = await ensureDatabase(url);
const report = await applyMigrations(url, "prisma/migrations");
const where = new URL(url);
console.log(
  `database ${where.pathname.slice(1)} on ${where.host}${created ? " (created)" : ""}: ` +
    `${report.applied.length} migration(s) applied, ${report.skipped.length} already in place`,
);
for (const name of report.applied) console.log(`  applied ${name}`);

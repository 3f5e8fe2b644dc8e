import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase, readMigrations } from "@/lib/migrations";

// The migrations and prisma/schema.prisma must describe the same tables: a database built from the
// migrations is compared with one built from the schema alone.
const base = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://root@127.0.0.1:5432";
const fromMigrations = `${base}/mingle_mig_a_${process.pid}`;
const fromSchema = `${base}/mingle_mig_b_${process.pid}`;

async function columns(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '') AS column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`,
    );
    return rows.map((r) => Object.values(r).join(" | "));
  } finally {
    await client.end();
  }
}

async function indexNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`);
    return rows.map((r) => r.indexname);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  beforeAll(async () => {
    await ensureDatabase(fromMigrations);
    await ensureDatabase(fromSchema);
  });
  afterAll(async () => {
    await dropDatabase(fromMigrations);
    await dropDatabase(fromSchema);
  });

  it("apply once, and a second run applies nothing", async () => {
    const first = await applyMigrations(fromMigrations, "prisma/migrations");
    const all = await readMigrations("prisma/migrations");
    expect(first.applied).toEqual(all.map((m) => m.name));
    const second = await applyMigrations(fromMigrations, "prisma/migrations");
    expect(second.applied).toEqual([]);
    expect(second.skipped).toHaveLength(all.length);
  });

  it("build the same columns and Prisma indexes as schema.prisma", async () => {
    const sql = execFileSync("npx", ["tsx", "scripts/db-diff.ts", "--from-empty"], { encoding: "utf8" });
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql);
    await client.end();
    expect(await columns(fromMigrations)).toEqual(await columns(fromSchema));
    // Migrations may add indexes and constraints Prisma cannot express; they must not lack any.
    const migrated = new Set(await indexNames(fromMigrations));
    expect((await indexNames(fromSchema)).filter((name) => !migrated.has(name))).toEqual([]);
  });
});

// Prints the SQL that takes the database from one schema to another, using Prisma 6.19's
// WebAssembly schema engine (the only one that runs offline, see docs/decisions/0001-prisma-offline.md).
//   npm run db:diff                      committed schema (git HEAD) → working schema
//   npm run db:diff -- --from-empty      empty database → working schema
//   npm run db:diff -- --create NAME     also writes prisma/migrations/<timestamp>_NAME/migration.sql
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const fromEmpty = args.includes("--from-empty");
const createIndex = args.indexOf("--create");
const name = createIndex >= 0 ? args[createIndex + 1] : undefined;
if (createIndex >= 0 && !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("--create needs a name of lower-case letters, digits and underscores");
  process.exit(2);
}

export function toPrisma6Schema(schema: string): string {
  return schema.replace(/generator\s+\w+\s*\{[^}]*\}/g, "").replace(/provider\s*=\s*"postgresql"/, 'provider = "postgresql"\n  url      = env("DATABASE_URL")');
}

const repo = process.cwd();
const work = mkdtempSync(path.join(tmpdir(), "mingle-diff-"));
symlinkSync(path.join(repo, "node_modules"), path.join(work, "node_modules"));
writeFileSync(path.join(work, "to.prisma"), toPrisma6Schema(readFileSync("prisma/schema.prisma", "utf8")));
let from = ["--from-empty"];
if (!fromEmpty) {
  let committed = "";
  try {
    committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    committed = "";
  }
  if (committed) {
    writeFileSync(path.join(work, "from.prisma"), toPrisma6Schema(committed));
    from = ["--from-schema-datamodel", path.join(work, "from.prisma")];
  }
}
writeFileSync(
  path.join(work, "prisma.config.ts"),
  `import { defineConfig } from "prisma6/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
} as never);
`,
);
const sql = execFileSync(
  process.execPath,
  [path.join(repo, "node_modules/prisma6/build/index.js"), "migrate", "diff", ...from, "--to-schema-datamodel", path.join(work, "to.prisma"), "--script"],
  {
    cwd: work,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres",
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
if (name) {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma/migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.error(`wrote ${dir}/migration.sql`);
}
process.stdout.write(sql);

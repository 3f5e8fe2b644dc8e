import { defineConfig } from "prisma/config";

// Prisma 7 reads this for `prisma generate`. The database URL is only needed by CLI commands that
// talk to a database, which we do not run here (see docs/decisions/0001-prisma-offline.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/** The only Prisma client. Cached on globalThis: the custom server and Next's bundles share it. */
const globalForDb = globalThis as unknown as { minglePrisma?: PrismaClient };

export function createPrismaClient(url: string = env().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export const db: PrismaClient = (globalForDb.minglePrisma ??= createPrismaClient());

export type Db = PrismaClient;
export { Prisma } from "@/lib/generated/prisma/client";

-- CreateEnum
CREATE TYPE "LabHostState" AS ENUM ('ACTIVE', 'DRAINING', 'DOWN');

-- AlterTable
ALTER TABLE "Lab" ADD COLUMN "replacedById" TEXT;

-- CreateTable
CREATE TABLE "LabHost" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "engineUrl" TEXT NOT NULL,
    "state" "LabHostState" NOT NULL DEFAULT 'ACTIVE',
    "maxLabs" INTEGER NOT NULL,
    "maxMemoryMb" INTEGER NOT NULL,
    "maxCpus" DOUBLE PRECISION NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '[]',
    "areaId" TEXT,
    "certNotAfter" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastSeenAt" TIMESTAMPTZ(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "dockerVersion" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabHost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LabHost_name_key" ON "LabHost"("name");

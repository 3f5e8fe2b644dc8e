-- Organizer analytics (lib/analytics, docs/decisions/0013-analytics-aggregates.md): demand the
-- conference could not meet, a lab's first READY moment, and the indexes the aggregates read by.
-- Written by hand; `npm run db:diff` against the schema produces the same tables and indexes.

-- CreateEnum
CREATE TYPE "DemandMissKind" AS ENUM ('NO_TABLE_FREE', 'SEARCH_EMPTY');

-- AlterTable
ALTER TABLE "Lab" ADD COLUMN     "readyAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "DemandMiss" (
    "id" TEXT NOT NULL,
    "kind" "DemandMissKind" NOT NULL,
    "conferenceId" TEXT,
    "slotId" TEXT,
    "sessionId" TEXT,
    "userId" TEXT,
    "query" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemandMiss_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DemandMiss_kind_createdAt_idx" ON "DemandMiss"("kind", "createdAt");

-- CreateIndex: a search typed letter by letter replaces that person's previous miss (lib/analytics/repo.ts).
CREATE INDEX "DemandMiss_userId_kind_createdAt_idx" ON "DemandMiss"("userId", "kind", "createdAt");

-- CreateIndex: labs per day.
CREATE INDEX "Lab_createdAt_idx" ON "Lab"("createdAt");

-- CreateIndex: every aggregate starts from one conference's sessions.
CREATE INDEX "MingleSession_conferenceId_status_idx" ON "MingleSession"("conferenceId", "status");

-- Hand-written: the first time a lab turns READY is when its shell can open. A trigger, so every
-- writer of Lab (the engine's events, reconcile, the warm pool's claim) records it without knowing.
-- Labs already past READY keep NULL: when they became ready was not recorded.
CREATE FUNCTION "lab_ready_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'READY' AND NEW."readyAt" IS NULL THEN
    NEW."readyAt" := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Lab_ready_at" BEFORE INSERT OR UPDATE OF status ON "Lab"
  FOR EACH ROW EXECUTE FUNCTION "lab_ready_at"();

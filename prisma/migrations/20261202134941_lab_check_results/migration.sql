-- CreateTable
CREATE TABLE "LabCheckResult" (
    "id" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "sessionId" TEXT,
    "checkName" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "exitCode" INTEGER NOT NULL,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "output" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ranById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabCheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabCheckResult_labId_checkName_createdAt_idx" ON "LabCheckResult"("labId", "checkName", "createdAt");

-- CreateIndex
CREATE INDEX "LabCheckResult_sessionId_idx" ON "LabCheckResult"("sessionId");

-- AddForeignKey
ALTER TABLE "LabCheckResult" ADD CONSTRAINT "LabCheckResult_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a check's output is kept bounded (lib/labs/run-check.ts cuts it at 4 KiB of text).
ALTER TABLE "LabCheckResult" ADD CONSTRAINT "LabCheckResult_output_bounded" CHECK (char_length("output") <= 8192);
ALTER TABLE "LabCheckResult" ADD CONSTRAINT "LabCheckResult_duration_not_negative" CHECK ("durationMs" >= 0);

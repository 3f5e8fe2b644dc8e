-- CreateEnum
CREATE TYPE "LabStatus" AS ENUM ('CREATING', 'BOOTING', 'READY', 'STOPPING', 'STOPPED', 'FAILED', 'LOST');

-- CreateTable
CREATE TABLE "Lab" (
    "id" TEXT NOT NULL,
    "templateName" TEXT NOT NULL,
    "status" "LabStatus" NOT NULL DEFAULT 'CREATING',
    "failureReason" TEXT,
    "engineId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "sessionId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "containers" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lab_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabParticipant" (
    "labId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "LabParticipant_pkey" PRIMARY KEY ("labId","userId")
);

-- CreateIndex
CREATE INDEX "Lab_ownerId_status_idx" ON "Lab"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Lab_status_expiresAt_idx" ON "Lab"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Lab_engineId_status_idx" ON "Lab"("engineId", "status");

-- CreateIndex
CREATE INDEX "LabParticipant_userId_idx" ON "LabParticipant"("userId");

-- AddForeignKey
ALTER TABLE "Lab" ADD CONSTRAINT "Lab_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabParticipant" ADD CONSTRAINT "LabParticipant_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabParticipant" ADD CONSTRAINT "LabParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "MingleSession" ADD COLUMN     "recordingOffById" TEXT;

-- CreateTable
CREATE TABLE "TerminalRecording" (
    "id" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "input" BOOLEAN NOT NULL DEFAULT false,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "droppedBytes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TerminalRecording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminalRecordingChunk" (
    "recordingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "TerminalRecordingChunk_pkey" PRIMARY KEY ("recordingId","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "TerminalRecording_labId_key" ON "TerminalRecording"("labId");

-- CreateIndex
CREATE INDEX "TerminalRecording_sessionId_idx" ON "TerminalRecording"("sessionId");

-- CreateIndex
CREATE INDEX "TerminalRecording_startedAt_idx" ON "TerminalRecording"("startedAt");

-- AddForeignKey
ALTER TABLE "TerminalRecording" ADD CONSTRAINT "TerminalRecording_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MingleSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalRecordingChunk" ADD CONSTRAINT "TerminalRecordingChunk_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "TerminalRecording"("id") ON DELETE CASCADE ON UPDATE CASCADE;


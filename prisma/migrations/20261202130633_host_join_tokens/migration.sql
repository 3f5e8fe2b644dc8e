-- CreateTable
CREATE TABLE "HostJoinToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "hostName" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostJoinToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HostJoinToken_tokenHash_key" ON "HostJoinToken"("tokenHash");

-- CreateIndex
CREATE INDEX "HostJoinToken_createdById_idx" ON "HostJoinToken"("createdById");

-- AddForeignKey
ALTER TABLE "HostJoinToken" ADD CONSTRAINT "HostJoinToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: only a sha256 digest may ever be stored here, never the token itself.
ALTER TABLE "HostJoinToken" ADD CONSTRAINT "HostJoinToken_tokenHash_sha256" CHECK ("tokenHash" ~ '^[0-9a-f]{64}$');
-- Hand-written: a token expires after it was made.
ALTER TABLE "HostJoinToken" ADD CONSTRAINT "HostJoinToken_expires_after_creation" CHECK ("expiresAt" > "createdAt");

-- CreateEnum
CREATE TYPE "OfferLevel" AS ENUM ('INTRO', 'PRACTITIONER', 'DEEP_DIVE');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "SessionParticipant" AS ENUM ('REQUESTER', 'EXPERT');

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "preferredAreaId" TEXT;

-- AlterTable
ALTER TABLE "Conference" ADD COLUMN     "slotMinutes" INTEGER NOT NULL DEFAULT 20;

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "level" "OfferLevel" NOT NULL DEFAULT 'PRACTITIONER',
    "lengthMinutes" INTEGER NOT NULL DEFAULT 20,
    "labTemplate" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "hiddenReason" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferVeto" (
    "userId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferVeto_pkey" PRIMARY KEY ("userId","offerId")
);

-- CreateTable
CREATE TABLE "OfferView" (
    "userId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "viewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OfferView_pkey" PRIMARY KEY ("userId","offerId")
);

-- CreateTable
CREATE TABLE "MingleSlot" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MingleSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Availability" (
    "userId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,

    CONSTRAINT "Availability_pkey" PRIMARY KEY ("userId","slotId")
);

-- CreateTable
CREATE TABLE "MingleSession" (
    "id" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "expertId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "tableId" TEXT,
    "status" "SessionStatus" NOT NULL DEFAULT 'PENDING',
    "awaiting" "SessionParticipant" NOT NULL DEFAULT 'EXPERT',
    "holdExpiresAt" TIMESTAMPTZ(3),
    "proposalCount" INTEGER NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "closedReason" TEXT,
    "closedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MingleSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionSeat" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,

    CONSTRAINT "SessionSeat_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "SessionFeedback" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "checkedInAt" TIMESTAMPTZ(3),
    "happened" BOOLEAN,
    "rating" INTEGER,
    "note" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionFeedback_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "sessionId" TEXT,
    "dedupeKey" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Offer_ownerId_idx" ON "Offer"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "MingleSlot_conferenceId_startsAt_key" ON "MingleSlot"("conferenceId", "startsAt");

-- CreateIndex
CREATE INDEX "Availability_slotId_idx" ON "Availability"("slotId");

-- CreateIndex
CREATE INDEX "MingleSession_requesterId_status_idx" ON "MingleSession"("requesterId", "status");

-- CreateIndex
CREATE INDEX "MingleSession_expertId_status_idx" ON "MingleSession"("expertId", "status");

-- CreateIndex
CREATE INDEX "MingleSession_slotId_idx" ON "MingleSession"("slotId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionSeat_userId_slotId_key" ON "SessionSeat"("userId", "slotId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_token_key" ON "CalendarFeed"("token");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectId_idx" ON "AuditEntry"("subjectType", "subjectId");

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferVeto" ADD CONSTRAINT "OfferVeto_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferVeto" ADD CONSTRAINT "OfferVeto_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferView" ADD CONSTRAINT "OfferView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferView" ADD CONSTRAINT "OfferView_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSlot" ADD CONSTRAINT "MingleSlot_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "MingleSlot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "MingleSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MingleSession" ADD CONSTRAINT "MingleSession_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "Table"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeat" ADD CONSTRAINT "SessionSeat_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MingleSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionFeedback" ADD CONSTRAINT "SessionFeedback_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MingleSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionFeedback" ADD CONSTRAINT "SessionFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ───────────── Hand-written: invariants Prisma cannot express ─────────────
-- Why each exists: docs/decisions/0003-booking-invariants.md. Executable spec:
-- lib/booking/constraints.int.test.ts and the booking concurrency tests.

-- btree_gist lets one GiST exclusion mix "=" on text with "&&" on a time range (trusted extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Slots of one conference never overlap, so "one seat per person per slot" means "one session
-- per person at a time", even after an organizer regenerates slots with another length.
ALTER TABLE "MingleSlot"
    ADD CONSTRAINT "MingleSlot_endsAt_after_startsAt" CHECK ("endsAt" > "startsAt"),
    ADD CONSTRAINT "MingleSlot_no_overlap" EXCLUDE USING gist (
        "conferenceId" WITH =,
        tstzrange("startsAt", "endsAt", '[)') WITH &&
    );

ALTER TABLE "MingleSession"
    ADD CONSTRAINT "MingleSession_not_self" CHECK ("requesterId" <> "expertId"),
    ADD CONSTRAINT "MingleSession_hold_iff_pending" CHECK (("status" = 'PENDING') = ("holdExpiresAt" IS NOT NULL)),
    ADD CONSTRAINT "MingleSession_pending_has_no_table" CHECK ("status" <> 'PENDING' OR "tableId" IS NULL),
    ADD CONSTRAINT "MingleSession_accepted_has_table" CHECK ("status" <> 'ACCEPTED' OR "tableId" IS NOT NULL),
    ADD CONSTRAINT "MingleSession_counts" CHECK ("sequence" >= 0 AND "proposalCount" >= 0),
    ADD CONSTRAINT "MingleSession_text_limits" CHECK (
        char_length(coalesce("message", '')) <= 500 AND char_length(coalesce("closedReason", '')) <= 500
    );

ALTER TABLE "SessionFeedback"
    ADD CONSTRAINT "SessionFeedback_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5),
    ADD CONSTRAINT "SessionFeedback_note_length" CHECK (char_length(coalesce("note", '')) <= 500);

ALTER TABLE "Conference"
    ADD CONSTRAINT "Conference_slotMinutes_allowed" CHECK ("slotMinutes" IN (15, 20, 30));

-- The sweeper's scan: pending holds in expiry order.
CREATE INDEX "MingleSession_holdExpiresAt_idx" ON "MingleSession"("holdExpiresAt") WHERE "status" = 'PENDING';

-- No table holds two live sessions in one slot.
CREATE UNIQUE INDEX "MingleSession_slotId_tableId_live_key" ON "MingleSession"("slotId", "tableId")
    WHERE "status" IN ('PENDING', 'ACCEPTED');

-- Nobody is in two live sessions in one slot, in either role: every live session owns one seat
-- per person, seats are unique per (user, slot), and this trigger is their only writer.
CREATE FUNCTION "mingle_session_sync_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW."status" IS NOT DISTINCT FROM OLD."status"
       AND NEW."slotId" = OLD."slotId"
       AND NEW."requesterId" = OLD."requesterId"
       AND NEW."expertId" = OLD."expertId" THEN
        RETURN NULL; -- nothing a seat depends on changed
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM "SessionSeat" WHERE "sessionId" = OLD."id";
    END IF;
    IF NEW."status" IN ('PENDING', 'ACCEPTED') THEN
        -- A unique violation here aborts the session's own INSERT/UPDATE (23505 on
        -- "SessionSeat_userId_slotId_key"); the repository maps it to PERSON_BUSY / SLOT_TAKEN.
        INSERT INTO "SessionSeat" ("sessionId", "userId", "slotId")
        VALUES (NEW."id", NEW."requesterId", NEW."slotId"),
               (NEW."id", NEW."expertId", NEW."slotId");
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "MingleSession_sync_seats"
    AFTER INSERT OR UPDATE ON "MingleSession"
    FOR EACH ROW EXECUTE FUNCTION "mingle_session_sync_seats"();

-- CreateIndex
CREATE INDEX "Offer_tags_idx" ON "Offer" USING GIN ("tags");


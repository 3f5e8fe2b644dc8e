-- Bring your own template (lib/templates): an expert's lab templates, each a list of immutable
-- versions. Tables and indexes as `npm run db:diff` writes them from schema.prisma; the trigger at
-- the end is written by hand.

-- CreateTable
CREATE TABLE "UserTemplate" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "disabledAt" TIMESTAMPTZ(3),
    "disabledReason" TEXT,
    "disabledById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserTemplateVersion" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "yaml" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserTemplate_authorId_idx" ON "UserTemplate"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "UserTemplateVersion_templateId_number_key" ON "UserTemplateVersion"("templateId", "number");

-- AddForeignKey
ALTER TABLE "UserTemplate" ADD CONSTRAINT "UserTemplate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTemplate" ADD CONSTRAINT "UserTemplate_disabledById_fkey" FOREIGN KEY ("disabledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTemplateVersion" ADD CONSTRAINT "UserTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "UserTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a version is immutable once saved (an offer and its session labs point at it, so
-- what they launch must not change under them). A new version is a new row.
CREATE FUNCTION "UserTemplateVersion_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'a template version cannot be changed; save a new version';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "UserTemplateVersion_no_update" BEFORE UPDATE ON "UserTemplateVersion"
  FOR EACH ROW EXECUTE FUNCTION "UserTemplateVersion_immutable"();

-- Offer search (docs/decisions/0005-offer-search.md): a weighted tsvector for ranked full-text
-- search and a short lower-cased word list for typo tolerance with pg_trgm. Both live on "Offer"
-- and are kept by triggers, because the expert's name comes from "User" (a generated column
-- cannot read another table). schema.prisma declares them, so the schema and the migrations agree.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "Offer" ADD COLUMN "searchVector" tsvector,
                    ADD COLUMN "searchText" TEXT;

-- Title and tags weigh A, the expert's name B, the description C. Tags are read as words
-- ("container-security" → "container security") so a search for either word finds them.
CREATE FUNCTION offer_search_document(title TEXT, tags TEXT[], owner_name TEXT, description TEXT)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('english', replace(array_to_string(coalesce(tags, '{}'::TEXT[]), ' '), '-', ' ')), 'A')
      || setweight(to_tsvector('english', coalesce(owner_name, '')), 'B')
      || setweight(to_tsvector('english', coalesce(description, '')), 'C')
$$;

-- The words a person is likely to misspell: title, tags and the expert's name (not the
-- description, whose many words would make fuzzy matches noisy).
CREATE FUNCTION offer_search_words(title TEXT, tags TEXT[], owner_name TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(concat_ws(' ', title, replace(array_to_string(coalesce(tags, '{}'::TEXT[]), ' '), '-', ' '), owner_name))
$$;

CREATE FUNCTION offer_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner_name TEXT;
BEGIN
  SELECT "name" INTO owner_name FROM "User" WHERE "id" = NEW."ownerId";
  NEW."searchVector" := offer_search_document(NEW."title", NEW."tags", owner_name, NEW."description");
  NEW."searchText" := offer_search_words(NEW."title", NEW."tags", owner_name);
  RETURN NEW;
END
$$;

CREATE TRIGGER offer_search_refresh
  BEFORE INSERT OR UPDATE OF "title", "description", "tags", "ownerId" ON "Offer"
  FOR EACH ROW EXECUTE FUNCTION offer_search_refresh();

CREATE FUNCTION offer_search_owner_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Offer"
     SET "searchVector" = offer_search_document("title", "tags", NEW."name", "description"),
         "searchText" = offer_search_words("title", "tags", NEW."name")
   WHERE "ownerId" = NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER offer_search_owner_renamed
  AFTER UPDATE OF "name" ON "User"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION offer_search_owner_renamed();

-- Offers written before this migration.
UPDATE "Offer" o
   SET "searchVector" = offer_search_document(o."title", o."tags", u."name", o."description"),
       "searchText" = offer_search_words(o."title", o."tags", u."name")
  FROM "User" u
 WHERE u."id" = o."ownerId";

CREATE INDEX "Offer_searchVector_idx" ON "Offer" USING GIN ("searchVector");
CREATE INDEX "Offer_searchText_trgm_idx" ON "Offer" USING GIN ("searchText" gin_trgm_ops);
-- Browsing without a query lists the newest visible offers first.
CREATE INDEX "Offer_visible_createdAt_idx" ON "Offer" ("createdAt" DESC) WHERE "active" AND "hiddenAt" IS NULL;

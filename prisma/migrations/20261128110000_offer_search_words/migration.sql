-- Typo tolerance through a vocabulary (docs/decisions/0005-offer-search.md): every word of the
-- offers' search text, kept by a trigger, with a trigram index. A misspelt search word is matched
-- against this short list (milliseconds) instead of against every offer's text, and the closest
-- words join the full-text query. Words are never removed: a stale word only adds an alternative
-- that matches nothing.
CREATE TABLE "OfferSearchWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "OfferSearchWord_pkey" PRIMARY KEY ("word")
);

CREATE INDEX "OfferSearchWord_word_trgm_idx" ON "OfferSearchWord" USING GIN ("word" gin_trgm_ops);

CREATE FUNCTION offer_search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."searchText" IS NOT DISTINCT FROM OLD."searchText" THEN
    RETURN NULL;
  END IF;
  INSERT INTO "OfferSearchWord" ("word")
  SELECT DISTINCT w FROM regexp_split_to_table(coalesce(NEW."searchText", ''), '[^a-z0-9]+') AS w
   WHERE length(w) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER offer_search_words_collect
  AFTER INSERT OR UPDATE ON "Offer"
  FOR EACH ROW EXECUTE FUNCTION offer_search_words_collect();

INSERT INTO "OfferSearchWord" ("word")
SELECT DISTINCT w FROM "Offer", regexp_split_to_table(coalesce("searchText", ''), '[^a-z0-9]+') AS w
 WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;

-- Fuzzy matching no longer scans the offers' text.
DROP INDEX "Offer_searchText_trgm_idx";

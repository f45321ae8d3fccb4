-- What SQLite's hand-written migrations do (0002, 0006, 0008, 0009, 0010 there), for PostgreSQL.
--
-- Each partnership carries its two sides' place and field/SDG bit sets, copied from the offers
-- when it is stored and kept when an offer changes: statistics read one narrow index of
-- partnerships instead of joining the offers. BEFORE INSERT fills the new row itself (SQLite
-- needs an AFTER INSERT that updates it).
CREATE FUNCTION partnerships_sides_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT region, country, format, institution_id, created_at, broad_mask, sdg_mask
    INTO NEW.a_region, NEW.a_country, NEW.a_format, NEW.a_institution_id, NEW.a_posted_at,
         NEW.a_broad_mask, NEW.a_sdg_mask
    FROM offers WHERE id = NEW.offer_id;
  SELECT region, country, format, institution_id, broad_mask, sdg_mask
    INTO NEW.b_region, NEW.b_country, NEW.b_format, NEW.b_institution_id,
         NEW.b_broad_mask, NEW.b_sdg_mask
    FROM offers WHERE id = NEW.partner_offer_id;
  NEW.a_broad_mask := coalesce(NEW.a_broad_mask, 0);
  NEW.a_sdg_mask := coalesce(NEW.a_sdg_mask, 0);
  NEW.b_broad_mask := coalesce(NEW.b_broad_mask, 0);
  NEW.b_sdg_mask := coalesce(NEW.b_sdg_mask, 0);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partnerships_sides_fill BEFORE INSERT ON partnerships
  FOR EACH ROW EXECUTE FUNCTION partnerships_sides_fill();
--> statement-breakpoint
CREATE FUNCTION partnerships_sides_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE partnerships SET
    a_region = NEW.region, a_country = NEW.country, a_format = NEW.format,
    a_institution_id = NEW.institution_id, a_posted_at = NEW.created_at
  WHERE offer_id = NEW.id;
  UPDATE partnerships SET
    b_region = NEW.region, b_country = NEW.country, b_format = NEW.format,
    b_institution_id = NEW.institution_id
  WHERE partner_offer_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partnerships_sides_follow
  AFTER UPDATE OF region, country, format, institution_id, created_at ON offers
  FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region OR OLD.country IS DISTINCT FROM NEW.country
    OR OLD.format IS DISTINCT FROM NEW.format OR OLD.institution_id IS DISTINCT FROM NEW.institution_id
    OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION partnerships_sides_follow();
--> statement-breakpoint
-- An offer's ISCED-F broad fields (bit n for code n) and SDGs (bit n for goal n) as bit sets,
-- kept from its side tables.
CREATE FUNCTION offers_broad_mask_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET broad_mask = broad_mask | (1 << NEW.broad::integer) WHERE id = NEW.offer_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_broad_mask_add AFTER INSERT ON offer_fields
  FOR EACH ROW EXECUTE FUNCTION offers_broad_mask_add();
--> statement-breakpoint
CREATE FUNCTION offers_broad_mask_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET broad_mask = coalesce(
    (SELECT bit_or(1 << broad::integer) FROM offer_fields WHERE offer_id = OLD.offer_id), 0)
  WHERE id = OLD.offer_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_broad_mask_remove AFTER DELETE ON offer_fields
  FOR EACH ROW EXECUTE FUNCTION offers_broad_mask_remove();
--> statement-breakpoint
CREATE FUNCTION offers_sdg_mask_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET sdg_mask = sdg_mask | (1 << NEW.sdg) WHERE id = NEW.offer_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_sdg_mask_add AFTER INSERT ON offer_sdgs
  FOR EACH ROW EXECUTE FUNCTION offers_sdg_mask_add();
--> statement-breakpoint
CREATE FUNCTION offers_sdg_mask_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET sdg_mask = coalesce(
    (SELECT bit_or(1 << sdg) FROM offer_sdgs WHERE offer_id = OLD.offer_id), 0)
  WHERE id = OLD.offer_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_sdg_mask_remove AFTER DELETE ON offer_sdgs
  FOR EACH ROW EXECUTE FUNCTION offers_sdg_mask_remove();
--> statement-breakpoint
CREATE FUNCTION partnerships_masks_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE partnerships SET a_broad_mask = NEW.broad_mask, a_sdg_mask = NEW.sdg_mask
  WHERE offer_id = NEW.id;
  UPDATE partnerships SET b_broad_mask = NEW.broad_mask, b_sdg_mask = NEW.sdg_mask
  WHERE partner_offer_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partnerships_masks_follow AFTER UPDATE OF broad_mask, sdg_mask ON offers
  FOR EACH ROW WHEN (OLD.broad_mask IS DISTINCT FROM NEW.broad_mask OR OLD.sdg_mask IS DISTINCT FROM NEW.sdg_mask)
  EXECUTE FUNCTION partnerships_masks_follow();
--> statement-breakpoint
-- Offers keep their institution's country and region (denormalised for the filters); the
-- matcher's index catches up by updated_at, which must move forward.
CREATE FUNCTION offers_follow_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET
    country = NEW.country,
    region = NEW.region,
    updated_at = greatest(updated_at + interval '1 millisecond', date_trunc('milliseconds', clock_timestamp()))
  WHERE institution_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_follow_institution AFTER UPDATE OF country, region ON institutions
  FOR EACH ROW WHEN (OLD.country IS DISTINCT FROM NEW.country OR OLD.region IS DISTINCT FROM NEW.region)
  EXECUTE FUNCTION offers_follow_institution();
--> statement-breakpoint
-- Full text over offers, as SQLite's offers_fts: the title (weight A) and description (weight B)
-- pre-segmented into words by the offer repository (Intl.Segmenter, so Chinese, Japanese and
-- Thai are split too), in the `simple` configuration (no stemming, no stop words: the words are
-- the segmenter's), kept in step with the offer in the same transaction.
CREATE TABLE offers_search (
  offer_id text PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
  document tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX offers_search_document_idx ON offers_search USING gin (document);

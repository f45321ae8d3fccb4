-- Full-text search over offers: title and description, pre-segmented into words by the offer
-- repository (Intl.Segmenter, so Chinese, Japanese and Thai are split too) and kept in step with
-- the offers table in the same transaction. The FTS row's rowid is the offer's rowid.
CREATE VIRTUAL TABLE `offers_fts` USING fts5(
  `title`,
  `description`,
  tokenize = 'unicode61 remove_diacritics 2'
);

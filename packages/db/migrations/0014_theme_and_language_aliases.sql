-- Each ASEM theme and each language is now offered once (packages/core/src/vocabulary): the
-- thematic priorities that repeated a strategic objective were merged into it, and `tw`, which
-- ICU names "Akan" like `ak`, is read as `ak`. The API still accepts the old ids and maps
-- them; here the stored offers get the kept ids, so filters, matching and the statistics
-- (which group by the stored id) count each theme and language once.
--
-- offer_themes: an offer that names both the old and the kept id keeps one row.
DELETE FROM `offer_themes` WHERE `theme` = 'quality_assurance_recognition'
  AND EXISTS (SELECT 1 FROM `offer_themes` AS `kept` WHERE `kept`.`offer_id` = `offer_themes`.`offer_id` AND `kept`.`theme` = 'recognition');--> statement-breakpoint
UPDATE `offer_themes` SET `theme` = 'recognition' WHERE `theme` = 'quality_assurance_recognition';--> statement-breakpoint
DELETE FROM `offer_themes` WHERE `theme` = 'lifelong_learning_tvet'
  AND EXISTS (SELECT 1 FROM `offer_themes` AS `kept` WHERE `kept`.`offer_id` = `offer_themes`.`offer_id` AND `kept`.`theme` = 'lifelong_learning');--> statement-breakpoint
UPDATE `offer_themes` SET `theme` = 'lifelong_learning' WHERE `theme` = 'lifelong_learning_tvet';--> statement-breakpoint
-- offers.themes (a JSON array): the kept ids, each once, in the order first named.
UPDATE `offers` SET `themes` = (
  SELECT json_group_array(`theme`) FROM (
    SELECT CASE `value`
        WHEN 'quality_assurance_recognition' THEN 'recognition'
        WHEN 'lifelong_learning_tvet' THEN 'lifelong_learning'
        ELSE `value` END AS `theme`, min(CAST(`key` AS INTEGER)) AS `first`
    FROM json_each(`offers`.`themes`) GROUP BY `theme` ORDER BY `first`
  )
)
WHERE EXISTS (
  SELECT 1 FROM json_each(`offers`.`themes`)
  WHERE `value` IN ('quality_assurance_recognition', 'lifelong_learning_tvet')
);--> statement-breakpoint
-- offer_languages: `tw` becomes `ak`; an offer that names both keeps its `ak` row.
DELETE FROM `offer_languages` WHERE `code` = 'tw'
  AND EXISTS (SELECT 1 FROM `offer_languages` AS `kept` WHERE `kept`.`offer_id` = `offer_languages`.`offer_id` AND `kept`.`code` = 'ak');--> statement-breakpoint
UPDATE `offer_languages` SET `code` = 'ak' WHERE `code` = 'tw';--> statement-breakpoint
-- offers.languages (a JSON array of {code, level, minPartnerLevel}): the same, in order.
UPDATE `offers` SET `languages` = (
  SELECT json_group_array(json(`language`)) FROM (
    SELECT CASE WHEN json_extract(`value`, '$.code') = 'tw'
        THEN json_set(`value`, '$.code', 'ak') ELSE `value` END AS `language`
    FROM json_each(`offers`.`languages`)
    WHERE json_extract(`value`, '$.code') <> 'tw'
       OR NOT EXISTS (SELECT 1 FROM json_each(`offers`.`languages`) WHERE json_extract(`value`, '$.code') = 'ak')
    ORDER BY CAST(`key` AS INTEGER)
  )
)
WHERE EXISTS (
  SELECT 1 FROM json_each(`offers`.`languages`) WHERE json_extract(`value`, '$.code') = 'tw'
);

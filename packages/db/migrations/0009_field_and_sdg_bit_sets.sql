ALTER TABLE `offers` ADD `broad_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `offers` ADD `sdg_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `offers_masks_idx` ON `offers` (`hidden_at`,`created_at`,`region`,`status`,`end_date`,`broad_mask`,`sdg_mask`);--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_broad_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_sdg_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_broad_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_sdg_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `partnerships_masks_idx` ON `partnerships` (`created_at`,`status`,`a_region`,`b_region`,`a_broad_mask`,`b_broad_mask`,`a_sdg_mask`,`b_sdg_mask`,`students_a`,`students_b`,`decided_at`,`a_posted_at`);--> statement-breakpoint
-- The bit sets follow the side tables, whatever writes them (the API, the seed, imports).
CREATE TRIGGER `offers_broad_mask_add` AFTER INSERT ON `offer_fields`
BEGIN
  UPDATE `offers` SET `broad_mask` = `broad_mask` | (1 << CAST(NEW.`broad` AS INTEGER))
  WHERE `id` = NEW.`offer_id`;
END;--> statement-breakpoint
CREATE TRIGGER `offers_broad_mask_remove` AFTER DELETE ON `offer_fields`
BEGIN
  UPDATE `offers` SET `broad_mask` = (
    SELECT coalesce(sum(DISTINCT 1 << CAST(`broad` AS INTEGER)), 0) FROM `offer_fields`
    WHERE `offer_id` = OLD.`offer_id`)
  WHERE `id` = OLD.`offer_id`;
END;--> statement-breakpoint
CREATE TRIGGER `offers_sdg_mask_add` AFTER INSERT ON `offer_sdgs`
BEGIN
  UPDATE `offers` SET `sdg_mask` = `sdg_mask` | (1 << NEW.`sdg`) WHERE `id` = NEW.`offer_id`;
END;--> statement-breakpoint
CREATE TRIGGER `offers_sdg_mask_remove` AFTER DELETE ON `offer_sdgs`
BEGIN
  UPDATE `offers` SET `sdg_mask` = (
    SELECT coalesce(sum(DISTINCT 1 << `sdg`), 0) FROM `offer_sdgs` WHERE `offer_id` = OLD.`offer_id`)
  WHERE `id` = OLD.`offer_id`;
END;--> statement-breakpoint
-- A partnership copies its sides' bit sets when stored, and follows them when they change.
CREATE TRIGGER `partnerships_masks_fill` AFTER INSERT ON `partnerships`
BEGIN
  UPDATE `partnerships` SET
    `a_broad_mask` = coalesce((SELECT `broad_mask` FROM `offers` WHERE `id` = NEW.`offer_id`), 0),
    `a_sdg_mask` = coalesce((SELECT `sdg_mask` FROM `offers` WHERE `id` = NEW.`offer_id`), 0),
    `b_broad_mask` = coalesce((SELECT `broad_mask` FROM `offers` WHERE `id` = NEW.`partner_offer_id`), 0),
    `b_sdg_mask` = coalesce((SELECT `sdg_mask` FROM `offers` WHERE `id` = NEW.`partner_offer_id`), 0)
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `partnerships_masks_follow` AFTER UPDATE OF `broad_mask`, `sdg_mask` ON `offers`
WHEN OLD.`broad_mask` IS NOT NEW.`broad_mask` OR OLD.`sdg_mask` IS NOT NEW.`sdg_mask`
BEGIN
  UPDATE `partnerships` SET `a_broad_mask` = NEW.`broad_mask`, `a_sdg_mask` = NEW.`sdg_mask`
  WHERE `offer_id` = NEW.`id`;
  UPDATE `partnerships` SET `b_broad_mask` = NEW.`broad_mask`, `b_sdg_mask` = NEW.`sdg_mask`
  WHERE `partner_offer_id` = NEW.`id`;
END;--> statement-breakpoint
-- The offers and partnerships there are (the follow trigger copies onto partnerships).
UPDATE `offers` SET
  `broad_mask` = (SELECT coalesce(sum(DISTINCT 1 << CAST(`broad` AS INTEGER)), 0) FROM `offer_fields` WHERE `offer_id` = `offers`.`id`),
  `sdg_mask` = (SELECT coalesce(sum(DISTINCT 1 << `sdg`), 0) FROM `offer_sdgs` WHERE `offer_id` = `offers`.`id`);

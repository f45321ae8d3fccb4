-- A partnership side's place follows its offer: an edit that changes the offer's format (or
-- its region, country, institution or posting time) is copied onto the partnerships it is a
-- side of, so the statistics read from the partnerships never see a stale copy.
CREATE TRIGGER `partnerships_sides_follow` AFTER UPDATE OF `region`, `country`, `format`, `institution_id`, `created_at` ON `offers`
WHEN OLD.`region` IS NOT NEW.`region` OR OLD.`country` IS NOT NEW.`country`
  OR OLD.`format` IS NOT NEW.`format` OR OLD.`institution_id` IS NOT NEW.`institution_id`
  OR OLD.`created_at` IS NOT NEW.`created_at`
BEGIN
  UPDATE `partnerships` SET
    `a_region` = NEW.`region`,
    `a_country` = NEW.`country`,
    `a_format` = NEW.`format`,
    `a_institution_id` = NEW.`institution_id`,
    `a_posted_at` = NEW.`created_at`
  WHERE `offer_id` = NEW.`id`;
  UPDATE `partnerships` SET
    `b_region` = NEW.`region`,
    `b_country` = NEW.`country`,
    `b_format` = NEW.`format`,
    `b_institution_id` = NEW.`institution_id`
  WHERE `partner_offer_id` = NEW.`id`;
END;
--> statement-breakpoint
-- Copies made before this trigger existed may be stale already: refresh them once.
UPDATE `partnerships` SET
  `a_region` = (SELECT `region` FROM `offers` WHERE `id` = `partnerships`.`offer_id`),
  `a_country` = (SELECT `country` FROM `offers` WHERE `id` = `partnerships`.`offer_id`),
  `a_format` = (SELECT `format` FROM `offers` WHERE `id` = `partnerships`.`offer_id`),
  `a_institution_id` = (SELECT `institution_id` FROM `offers` WHERE `id` = `partnerships`.`offer_id`),
  `a_posted_at` = (SELECT `created_at` FROM `offers` WHERE `id` = `partnerships`.`offer_id`),
  `b_region` = (SELECT `region` FROM `offers` WHERE `id` = `partnerships`.`partner_offer_id`),
  `b_country` = (SELECT `country` FROM `offers` WHERE `id` = `partnerships`.`partner_offer_id`),
  `b_format` = (SELECT `format` FROM `offers` WHERE `id` = `partnerships`.`partner_offer_id`),
  `b_institution_id` = (SELECT `institution_id` FROM `offers` WHERE `id` = `partnerships`.`partner_offer_id`);

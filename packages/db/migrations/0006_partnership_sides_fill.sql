-- Each partnership side's place, copied from its offer: by a trigger for every new request
-- (the API, the demo seed, imports alike), and once here for the partnerships there are.
CREATE TRIGGER `partnerships_sides_fill` AFTER INSERT ON `partnerships`
BEGIN
  UPDATE `partnerships` SET
    `a_region` = (SELECT `region` FROM `offers` WHERE `id` = NEW.`offer_id`),
    `a_country` = (SELECT `country` FROM `offers` WHERE `id` = NEW.`offer_id`),
    `a_format` = (SELECT `format` FROM `offers` WHERE `id` = NEW.`offer_id`),
    `a_institution_id` = (SELECT `institution_id` FROM `offers` WHERE `id` = NEW.`offer_id`),
    `a_posted_at` = (SELECT `created_at` FROM `offers` WHERE `id` = NEW.`offer_id`),
    `b_region` = (SELECT `region` FROM `offers` WHERE `id` = NEW.`partner_offer_id`),
    `b_country` = (SELECT `country` FROM `offers` WHERE `id` = NEW.`partner_offer_id`),
    `b_format` = (SELECT `format` FROM `offers` WHERE `id` = NEW.`partner_offer_id`),
    `b_institution_id` = (SELECT `institution_id` FROM `offers` WHERE `id` = NEW.`partner_offer_id`)
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
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

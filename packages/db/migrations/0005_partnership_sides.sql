DROP INDEX `partnerships_stats_idx`;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_region` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_country` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_format` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_institution_id` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `a_posted_at` integer;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_region` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_country` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_format` text;--> statement-breakpoint
ALTER TABLE `partnerships` ADD `b_institution_id` text;--> statement-breakpoint
CREATE INDEX `partnerships_stats_idx` ON `partnerships` (`created_at`,`id`,`status`,`offer_id`,`partner_offer_id`,`decided_at`,`students_a`,`students_b`,`a_region`,`a_country`,`a_format`,`a_posted_at`,`a_institution_id`,`b_region`,`b_country`,`b_format`,`b_institution_id`);
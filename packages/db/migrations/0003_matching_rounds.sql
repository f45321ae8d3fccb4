ALTER TABLE `matching_rounds` ADD `asia_offers` integer;--> statement-breakpoint
ALTER TABLE `matching_rounds` ADD `europe_offers` integer;--> statement-breakpoint
ALTER TABLE `matching_rounds` ADD `candidate_pairs` integer;--> statement-breakpoint
CREATE INDEX `offers_updated_idx` ON `offers` (`updated_at`);
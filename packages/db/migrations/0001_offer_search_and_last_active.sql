ALTER TABLE `users` ADD `last_active_at` integer;--> statement-breakpoint
CREATE INDEX `offers_open_end_idx` ON `offers` (`status`,`end_date`);--> statement-breakpoint
CREATE INDEX `offers_students_idx` ON `offers` (`open_to_students`,`status`,`created_at`);
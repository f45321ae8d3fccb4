CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);--> statement-breakpoint
ALTER TABLE `matching_rounds` ADD `heartbeat_at` integer;--> statement-breakpoint
ALTER TABLE `matching_rounds` ADD `progress` text;--> statement-breakpoint
CREATE UNIQUE INDEX `matching_rounds_one_running_idx` ON `matching_rounds` (`status`) WHERE "matching_rounds"."status" = 'running';
ALTER TABLE `institutions` ADD `review_status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `institutions` ADD `review_note` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `review_answer` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `reviewed_by` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `institutions` ADD `answered_at` integer;
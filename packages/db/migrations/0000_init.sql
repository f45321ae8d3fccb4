CREATE TABLE `affiliations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`method` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affiliations_user_institution_idx` ON `affiliations` (`user_id`,`institution_id`);--> statement-breakpoint
CREATE INDEX `affiliations_institution_status_idx` ON `affiliations` (`institution_id`,`status`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`student_id` text NOT NULL,
	`motivation` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_offer_student_idx` ON `applications` (`offer_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `applications_student_idx` ON `applications` (`student_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `balance_goals` (
	`id` text PRIMARY KEY NOT NULL,
	`asia_share_target` real NOT NULL,
	`max_country_share` real NOT NULL,
	`balance_weight` real NOT NULL,
	`priority_countries` text DEFAULT '[]' NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversation_members` (
	`conversation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`last_read_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`conversation_id`, `user_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_members_user_idx` ON `conversation_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`direct_key` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_message_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_direct_key_idx` ON `conversations` (`direct_key`);--> statement-breakpoint
CREATE TABLE `institution_domains` (
	`institution_id` text NOT NULL,
	`domain` text NOT NULL,
	PRIMARY KEY(`institution_id`, `domain`),
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `institution_domains_domain_idx` ON `institution_domains` (`domain`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`region` text NOT NULL,
	`city` text,
	`website` text,
	`type` text NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`verified_at` integer,
	`verified_by` text,
	`source` text NOT NULL,
	`created_by` text,
	`sort_name` text NOT NULL,
	`search_text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `institutions_sort_idx` ON `institutions` (`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `institutions_country_sort_idx` ON `institutions` (`country`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `institutions_region_sort_idx` ON `institutions` (`region`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `institutions_verified_idx` ON `institutions` (`verified`,`sort_name`,`id`);--> statement-breakpoint
CREATE TABLE `matching_proposals` (
	`round_id` text NOT NULL,
	`offer_id` text NOT NULL,
	`partner_offer_id` text NOT NULL,
	`score` real NOT NULL,
	`partnership_id` text,
	PRIMARY KEY(`round_id`, `offer_id`),
	FOREIGN KEY (`round_id`) REFERENCES `matching_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `matching_proposals_partner_idx` ON `matching_proposals` (`round_id`,`partner_offer_id`);--> statement-breakpoint
CREATE TABLE `matching_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` text,
	`status` text NOT NULL,
	`total_score` real,
	`parameters` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`client_message_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_conversation_seq_idx` ON `messages` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_client_id_idx` ON `messages` (`conversation_id`,`author_id`,`client_message_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `offer_fields` (
	`offer_id` text NOT NULL,
	`detailed` text NOT NULL,
	`narrow` text NOT NULL,
	`broad` text NOT NULL,
	PRIMARY KEY(`offer_id`, `detailed`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_fields_detailed_idx` ON `offer_fields` (`detailed`);--> statement-breakpoint
CREATE INDEX `offer_fields_narrow_idx` ON `offer_fields` (`narrow`);--> statement-breakpoint
CREATE INDEX `offer_fields_broad_idx` ON `offer_fields` (`broad`);--> statement-breakpoint
CREATE TABLE `offer_languages` (
	`offer_id` text NOT NULL,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`min_partner_level` text NOT NULL,
	PRIMARY KEY(`offer_id`, `code`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_languages_code_idx` ON `offer_languages` (`code`);--> statement-breakpoint
CREATE TABLE `offer_levels` (
	`offer_id` text NOT NULL,
	`level` text NOT NULL,
	PRIMARY KEY(`offer_id`, `level`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_levels_level_idx` ON `offer_levels` (`level`);--> statement-breakpoint
CREATE TABLE `offer_sdgs` (
	`offer_id` text NOT NULL,
	`sdg` integer NOT NULL,
	PRIMARY KEY(`offer_id`, `sdg`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_sdgs_sdg_idx` ON `offer_sdgs` (`sdg`);--> statement-breakpoint
CREATE TABLE `offer_themes` (
	`offer_id` text NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`offer_id`, `theme`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_themes_theme_idx` ON `offer_themes` (`theme`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`institution_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`format` text NOT NULL,
	`fields` text NOT NULL,
	`sdgs` text NOT NULL,
	`themes` text NOT NULL,
	`languages` text NOT NULL,
	`levels` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`time_zone` text NOT NULL,
	`windows` text NOT NULL,
	`class_size` integer NOT NULL,
	`seeking_region` text NOT NULL,
	`open_to_students` integer NOT NULL,
	`status` text NOT NULL,
	`country` text NOT NULL,
	`region` text NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`hidden_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offers_status_created_idx` ON `offers` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `offers_created_idx` ON `offers` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `offers_owner_idx` ON `offers` (`owner_id`);--> statement-breakpoint
CREATE INDEX `offers_institution_idx` ON `offers` (`institution_id`);--> statement-breakpoint
CREATE INDEX `offers_country_idx` ON `offers` (`country`,`status`);--> statement-breakpoint
CREATE INDEX `offers_region_idx` ON `offers` (`region`,`status`);--> statement-breakpoint
CREATE INDEX `offers_format_idx` ON `offers` (`format`,`status`);--> statement-breakpoint
CREATE INDEX `offers_dates_idx` ON `offers` (`start_date`,`end_date`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`partner_offer_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`status` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`score` real,
	`conversation_id` text,
	`matching_round_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`decided_at` integer,
	`completed_at` integer,
	`students_a` integer,
	`students_b` integer,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partnerships_offer_idx` ON `partnerships` (`offer_id`,`status`);--> statement-breakpoint
CREATE INDEX `partnerships_partner_offer_idx` ON `partnerships` (`partner_offer_id`,`status`);--> statement-breakpoint
CREATE INDEX `partnerships_status_idx` ON `partnerships` (`status`,`decided_at`);--> statement-breakpoint
CREATE INDEX `partnerships_requested_by_idx` ON `partnerships` (`requested_by`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`institution_id` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`time_zone` text,
	`suspended_at` integer,
	`suspended_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_institution_idx` ON `users` (`institution_id`);
CREATE TABLE "affiliations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"institution_id" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"method" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"student_id" text NOT NULL,
	"motivation" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "balance_goals" (
	"id" text PRIMARY KEY NOT NULL,
	"asia_share_target" double precision NOT NULL,
	"max_country_share" double precision NOT NULL,
	"balance_weight" double precision NOT NULL,
	"priority_countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_members" (
	"conversation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_read_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_members_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"direct_key" text,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_domains" (
	"institution_id" text NOT NULL,
	"domain" text NOT NULL,
	CONSTRAINT "institution_domains_institution_id_domain_pk" PRIMARY KEY("institution_id","domain")
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"region" text NOT NULL,
	"city" text,
	"website" text,
	"type" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"verified_at" timestamp (3) with time zone,
	"verified_by" text,
	"review_status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"review_answer" text,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone,
	"answered_at" timestamp (3) with time zone,
	"source" text NOT NULL,
	"created_by" text,
	"sort_name" text NOT NULL,
	"search_text" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_proposals" (
	"round_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"partner_offer_id" text NOT NULL,
	"score" double precision NOT NULL,
	"partnership_id" text,
	CONSTRAINT "matching_proposals_round_id_offer_id_pk" PRIMARY KEY("round_id","offer_id")
);
--> statement-breakpoint
CREATE TABLE "matching_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"created_by" text,
	"status" text NOT NULL,
	"total_score" double precision,
	"parameters" jsonb,
	"error" text,
	"asia_offers" integer,
	"europe_offers" integer,
	"candidate_pairs" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"heartbeat_at" timestamp (3) with time zone,
	"progress" jsonb
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"client_message_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "offer_fields" (
	"offer_id" text NOT NULL,
	"detailed" text NOT NULL,
	"narrow" text NOT NULL,
	"broad" text NOT NULL,
	CONSTRAINT "offer_fields_offer_id_detailed_pk" PRIMARY KEY("offer_id","detailed")
);
--> statement-breakpoint
CREATE TABLE "offer_languages" (
	"offer_id" text NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"min_partner_level" text NOT NULL,
	CONSTRAINT "offer_languages_offer_id_code_pk" PRIMARY KEY("offer_id","code")
);
--> statement-breakpoint
CREATE TABLE "offer_levels" (
	"offer_id" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "offer_levels_offer_id_level_pk" PRIMARY KEY("offer_id","level")
);
--> statement-breakpoint
CREATE TABLE "offer_sdgs" (
	"offer_id" text NOT NULL,
	"sdg" integer NOT NULL,
	CONSTRAINT "offer_sdgs_offer_id_sdg_pk" PRIMARY KEY("offer_id","sdg")
);
--> statement-breakpoint
CREATE TABLE "offer_themes" (
	"offer_id" text NOT NULL,
	"theme" text NOT NULL,
	CONSTRAINT "offer_themes_offer_id_theme_pk" PRIMARY KEY("offer_id","theme")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"institution_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"format" text NOT NULL,
	"fields" jsonb NOT NULL,
	"sdgs" jsonb NOT NULL,
	"themes" jsonb NOT NULL,
	"languages" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"time_zone" text NOT NULL,
	"windows" jsonb NOT NULL,
	"class_size" integer NOT NULL,
	"seeking_region" text NOT NULL,
	"open_to_students" boolean NOT NULL,
	"status" text NOT NULL,
	"country" text NOT NULL,
	"region" text NOT NULL,
	"hidden_at" timestamp (3) with time zone,
	"hidden_reason" text,
	"hidden_by" text,
	"broad_mask" integer DEFAULT 0 NOT NULL,
	"sdg_mask" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"partner_offer_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"status" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"score" double precision,
	"conversation_id" text,
	"matching_round_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"students_a" integer,
	"students_b" integer,
	"a_region" text,
	"a_country" text,
	"a_format" text,
	"a_institution_id" text,
	"a_posted_at" timestamp (3) with time zone,
	"b_region" text,
	"b_country" text,
	"b_format" text,
	"b_institution_id" text,
	"a_broad_mask" integer DEFAULT 0 NOT NULL,
	"a_sdg_mask" integer DEFAULT 0 NOT NULL,
	"b_broad_mask" integer DEFAULT 0 NOT NULL,
	"b_sdg_mask" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"institution_id" text,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"time_zone" text,
	"suspended_at" timestamp (3) with time zone,
	"suspended_reason" text,
	"last_active_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_domains" ADD CONSTRAINT "institution_domains_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_proposals" ADD CONSTRAINT "matching_proposals_round_id_matching_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."matching_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_proposals" ADD CONSTRAINT "matching_proposals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_proposals" ADD CONSTRAINT "matching_proposals_partner_offer_id_offers_id_fk" FOREIGN KEY ("partner_offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_rounds" ADD CONSTRAINT "matching_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_fields" ADD CONSTRAINT "offer_fields_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_languages" ADD CONSTRAINT "offer_languages_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_levels" ADD CONSTRAINT "offer_levels_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_sdgs" ADD CONSTRAINT "offer_sdgs_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_themes" ADD CONSTRAINT "offer_themes_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_partner_offer_id_offers_id_fk" FOREIGN KEY ("partner_offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "affiliations_user_institution_idx" ON "affiliations" USING btree ("user_id","institution_id");--> statement-breakpoint
CREATE INDEX "affiliations_institution_status_idx" ON "affiliations" USING btree ("institution_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_offer_student_idx" ON "applications" USING btree ("offer_id","student_id");--> statement-breakpoint
CREATE INDEX "applications_student_idx" ON "applications" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE INDEX "conversation_members_user_idx" ON "conversation_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_direct_key_idx" ON "conversations" USING btree ("direct_key");--> statement-breakpoint
CREATE INDEX "institution_domains_domain_idx" ON "institution_domains" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "institutions_sort_idx" ON "institutions" USING btree ("sort_name","id");--> statement-breakpoint
CREATE INDEX "institutions_country_sort_idx" ON "institutions" USING btree ("country","sort_name","id");--> statement-breakpoint
CREATE INDEX "institutions_region_sort_idx" ON "institutions" USING btree ("region","sort_name","id");--> statement-breakpoint
CREATE INDEX "institutions_verified_idx" ON "institutions" USING btree ("verified","sort_name","id");--> statement-breakpoint
CREATE INDEX "matching_proposals_partner_idx" ON "matching_proposals" USING btree ("round_id","partner_offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_rounds_one_running_idx" ON "matching_rounds" USING btree ("status") WHERE "matching_rounds"."status" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "messages_conversation_seq_idx" ON "messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_id_idx" ON "messages" USING btree ("conversation_id","author_id","client_message_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_fields_detailed_idx" ON "offer_fields" USING btree ("detailed");--> statement-breakpoint
CREATE INDEX "offer_fields_narrow_idx" ON "offer_fields" USING btree ("narrow");--> statement-breakpoint
CREATE INDEX "offer_fields_broad_idx" ON "offer_fields" USING btree ("broad");--> statement-breakpoint
CREATE INDEX "offer_languages_code_idx" ON "offer_languages" USING btree ("code");--> statement-breakpoint
CREATE INDEX "offer_levels_level_idx" ON "offer_levels" USING btree ("level");--> statement-breakpoint
CREATE INDEX "offer_sdgs_sdg_idx" ON "offer_sdgs" USING btree ("sdg");--> statement-breakpoint
CREATE INDEX "offer_themes_theme_idx" ON "offer_themes" USING btree ("theme");--> statement-breakpoint
CREATE INDEX "offers_status_created_idx" ON "offers" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "offers_created_idx" ON "offers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "offers_owner_idx" ON "offers" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "offers_institution_idx" ON "offers" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "offers_country_idx" ON "offers" USING btree ("country","status");--> statement-breakpoint
CREATE INDEX "offers_region_idx" ON "offers" USING btree ("region","status");--> statement-breakpoint
CREATE INDEX "offers_format_idx" ON "offers" USING btree ("format","status");--> statement-breakpoint
CREATE INDEX "offers_dates_idx" ON "offers" USING btree ("start_date","end_date");--> statement-breakpoint
CREATE INDEX "offers_open_end_idx" ON "offers" USING btree ("status","end_date");--> statement-breakpoint
CREATE INDEX "offers_students_idx" ON "offers" USING btree ("open_to_students","status","created_at");--> statement-breakpoint
CREATE INDEX "offers_updated_idx" ON "offers" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "offers_stats_by_id_idx" ON "offers" USING btree ("id","region","country","format","seeking_region","institution_id","created_at","status","end_date","hidden_at");--> statement-breakpoint
CREATE INDEX "offers_masks_idx" ON "offers" USING btree ("hidden_at","created_at","region","status","end_date","broad_mask","sdg_mask");--> statement-breakpoint
CREATE INDEX "offers_institution_stats_idx" ON "offers" USING btree ("institution_id","country","hidden_at","created_at");--> statement-breakpoint
CREATE INDEX "offers_stats_scan_idx" ON "offers" USING btree ("hidden_at","country","status","end_date","created_at","region","format","seeking_region","institution_id","id");--> statement-breakpoint
CREATE INDEX "partnerships_offer_idx" ON "partnerships" USING btree ("offer_id","status");--> statement-breakpoint
CREATE INDEX "partnerships_masks_idx" ON "partnerships" USING btree ("created_at","status","a_region","b_region","a_broad_mask","b_broad_mask","a_sdg_mask","b_sdg_mask","students_a","students_b","decided_at","a_posted_at");--> statement-breakpoint
CREATE INDEX "partnerships_partner_offer_idx" ON "partnerships" USING btree ("partner_offer_id","status");--> statement-breakpoint
CREATE INDEX "partnerships_status_idx" ON "partnerships" USING btree ("status","decided_at");--> statement-breakpoint
CREATE INDEX "partnerships_stats_idx" ON "partnerships" USING btree ("created_at","id","status","offer_id","partner_offer_id","decided_at","students_a","students_b","a_region","a_country","a_format","a_posted_at","a_institution_id","b_region","b_country","b_format","b_institution_id");--> statement-breakpoint
CREATE INDEX "partnerships_pairs_idx" ON "partnerships" USING btree ("a_country","b_country","a_region","b_region","created_at","status","decided_at","a_posted_at","students_a","students_b");--> statement-breakpoint
CREATE INDEX "partnerships_agreed_idx" ON "partnerships" USING btree ("status","decided_at","a_region","b_region","students_a","students_b","a_posted_at","a_institution_id","b_institution_id");--> statement-breakpoint
CREATE INDEX "partnerships_requested_by_idx" ON "partnerships" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "rate_limits_reset_idx" ON "rate_limits" USING btree ("reset_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_institution_idx" ON "users" USING btree ("institution_id");
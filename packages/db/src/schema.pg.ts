// The same tables as schema.ts, for PostgreSQL: table for table, column for column, with the
// same TypeScript types (schema-drift.spec.ts holds the two together). Comments on what the
// columns mean live in schema.ts; here only where PostgreSQL stores something differently.
// Triggers and full text are hand-written migrations in ../migrations-pg.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () =>
  timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const institutions = pgTable(
  'institutions',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    region: text('region', { enum: ['asia', 'europe'] }).notNull(),
    city: text('city'),
    website: text('website'),
    type: text('type', { enum: ['university', 'tvet', 'college', 'other'] }).notNull(),
    verified: boolean('verified').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }),
    verifiedBy: text('verified_by'),
    reviewStatus: text('review_status', { enum: ['pending', 'info_requested', 'refused'] })
      .notNull()
      .default('pending'),
    reviewNote: text('review_note'),
    reviewAnswer: text('review_answer'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    source: text('source', { enum: ['directory', 'registered'] }).notNull(),
    createdBy: text('created_by'),
    sortName: text('sort_name').notNull(),
    searchText: text('search_text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('institutions_sort_idx').on(t.sortName, t.id),
    index('institutions_country_sort_idx').on(t.country, t.sortName, t.id),
    index('institutions_region_sort_idx').on(t.region, t.sortName, t.id),
    index('institutions_verified_idx').on(t.verified, t.sortName, t.id),
  ],
);

export const institutionDomains = pgTable(
  'institution_domains',
  {
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    status: text('status', { enum: ['approved', 'pending'] })
      .notNull()
      .default('approved'),
    requestedBy: text('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.domain] }),
    index('institution_domains_domain_idx').on(t.domain),
  ],
);

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    role: text('role', {
      enum: ['student', 'lecturer', 'institution_admin', 'secretariat'],
    }).notNull(),
    institutionId: text('institution_id').references(() => institutions.id),
    languages: jsonb('languages')
      .$type<{ code: string; level: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    timeZone: text('time_zone'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true, precision: 3 }),
    suspendedReason: text('suspended_reason'),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true, precision: 3 }),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, precision: 3 }),
    title: text('title'),
    bio: text('bio'),
    locale: text('locale'),
    emailNotifications: text('email_notifications', { enum: ['instant', 'daily', 'off'] })
      .notNull()
      .default('instant'),
    demo: boolean('demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(t.email),
    index('users_institution_idx').on(t.institutionId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'password_reset'] }).notNull(),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId, t.purpose),
    index('email_tokens_expires_idx').on(t.expiresAt),
  ],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('mail_outbox_dedupe_idx').on(t.dedupeKey),
    index('mail_outbox_user_idx').on(t.userId, t.createdAt),
  ],
);

/** bytea: the image's bytes, as a Buffer in both dialects. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const avatars = pgTable('avatars', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  data: bytes('data').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
});

export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const affiliations = pgTable(
  'affiliations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['lecturer', 'admin'] }).notNull(),
    status: text('status', { enum: ['pending', 'verified', 'refused'] }).notNull(),
    method: text('method', { enum: ['email_domain', 'admin', 'secretariat', 'creator'] }),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('affiliations_user_institution_idx').on(t.userId, t.institutionId),
    index('affiliations_institution_status_idx').on(t.institutionId, t.status),
  ],
);

export const offers = pgTable(
  'offers',
  {
    id: text('id').primaryKey(),
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    format: text('format', {
      enum: ['coil', 'virtual_exchange', 'virtual_mobility', 'blended_mobility'],
    }).notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    sdgs: jsonb('sdgs').$type<number[]>().notNull(),
    themes: jsonb('themes').$type<string[]>().notNull(),
    languages: jsonb('languages')
      .$type<{ code: string; level: string; minPartnerLevel: string }[]>()
      .notNull(),
    levels: jsonb('levels').$type<string[]>().notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    timeZone: text('time_zone').notNull(),
    windows: jsonb('windows').$type<{ weekday: number; start: string; end: string }[]>().notNull(),
    classSize: integer('class_size').notNull(),
    seekingRegion: text('seeking_region', { enum: ['asia', 'europe', 'any'] }).notNull(),
    openToStudents: boolean('open_to_students').notNull(),
    status: text('status', { enum: ['open', 'matched', 'closed'] }).notNull(),
    country: text('country').notNull(),
    region: text('region', { enum: ['asia', 'europe'] }).notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, precision: 3 }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: text('hidden_by'),
    broadMask: integer('broad_mask').notNull().default(0),
    sdgMask: integer('sdg_mask').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, precision: 3 }),
    stillOpenMailedAt: timestamp('still_open_mailed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('offers_status_created_idx').on(t.status, t.createdAt, t.id),
    index('offers_created_idx').on(t.createdAt, t.id),
    index('offers_owner_idx').on(t.ownerId),
    index('offers_institution_idx').on(t.institutionId),
    index('offers_country_idx').on(t.country, t.status),
    index('offers_region_idx').on(t.region, t.status),
    index('offers_format_idx').on(t.format, t.status),
    index('offers_dates_idx').on(t.startDate, t.endDate),
    index('offers_open_end_idx').on(t.status, t.endDate),
    index('offers_students_idx').on(t.openToStudents, t.status, t.createdAt),
    index('offers_updated_idx').on(t.updatedAt),
    index('offers_stats_by_id_idx').on(
      t.id,
      t.region,
      t.country,
      t.format,
      t.seekingRegion,
      t.institutionId,
      t.createdAt,
      t.status,
      t.endDate,
      t.hiddenAt,
    ),
    index('offers_masks_idx').on(
      t.hiddenAt,
      t.createdAt,
      t.region,
      t.status,
      t.endDate,
      t.broadMask,
      t.sdgMask,
    ),
    index('offers_institution_stats_idx').on(t.institutionId, t.country, t.hiddenAt, t.createdAt),
    index('offers_stats_scan_idx').on(
      t.hiddenAt,
      t.country,
      t.status,
      t.endDate,
      t.createdAt,
      t.region,
      t.format,
      t.seekingRegion,
      t.institutionId,
      t.id,
    ),
  ],
);

const offerRef = () =>
  text('offer_id')
    .notNull()
    .references(() => offers.id, { onDelete: 'cascade' });

export const offerFields = pgTable(
  'offer_fields',
  {
    offerId: offerRef(),
    detailed: text('detailed').notNull(),
    narrow: text('narrow').notNull(),
    broad: text('broad').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.detailed] }),
    index('offer_fields_detailed_idx').on(t.detailed),
    index('offer_fields_narrow_idx').on(t.narrow),
    index('offer_fields_broad_idx').on(t.broad),
  ],
);

export const offerLanguages = pgTable(
  'offer_languages',
  {
    offerId: offerRef(),
    code: text('code').notNull(),
    level: text('level').notNull(),
    minPartnerLevel: text('min_partner_level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.code] }),
    index('offer_languages_code_idx').on(t.code),
  ],
);

export const offerLevels = pgTable(
  'offer_levels',
  { offerId: offerRef(), level: text('level').notNull() },
  (t) => [
    primaryKey({ columns: [t.offerId, t.level] }),
    index('offer_levels_level_idx').on(t.level),
  ],
);

export const offerSdgs = pgTable(
  'offer_sdgs',
  { offerId: offerRef(), sdg: integer('sdg').notNull() },
  (t) => [primaryKey({ columns: [t.offerId, t.sdg] }), index('offer_sdgs_sdg_idx').on(t.sdg)],
);

export const offerThemes = pgTable(
  'offer_themes',
  { offerId: offerRef(), theme: text('theme').notNull() },
  (t) => [
    primaryKey({ columns: [t.offerId, t.theme] }),
    index('offer_themes_theme_idx').on(t.theme),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['partnership', 'direct'] }).notNull(),
    title: text('title').notNull(),
    directKey: text('direct_key'),
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conversations_direct_key_idx').on(t.directKey)],
);

export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    unreadMailedAt: timestamp('unread_mailed_at', { withTimezone: true, precision: 3 }),
    joinedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_members_user_idx').on(t.userId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    clientMessageId: text('client_message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_idx').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_id_idx').on(t.conversationId, t.authorId, t.clientMessageId),
  ],
);

export const partnerships = pgTable(
  'partnerships',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id),
    partnerOfferId: text('partner_offer_id')
      .notNull()
      .references(() => offers.id),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    status: text('status', {
      enum: ['pending', 'accepted', 'declined', 'withdrawn', 'completed', 'expired'],
    }).notNull(),
    message: text('message').notNull().default(''),
    score: doublePrecision('score'),
    conversationId: text('conversation_id').references(() => conversations.id),
    matchingRoundId: text('matching_round_id'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    remindedAt: timestamp('reminded_at', { withTimezone: true, precision: 3 }),
    studentsA: integer('students_a'),
    studentsB: integer('students_b'),
    aRegion: text('a_region', { enum: ['asia', 'europe'] }),
    aCountry: text('a_country'),
    aFormat: text('a_format'),
    aInstitutionId: text('a_institution_id'),
    aPostedAt: timestamp('a_posted_at', { withTimezone: true, precision: 3 }),
    bRegion: text('b_region', { enum: ['asia', 'europe'] }),
    bCountry: text('b_country'),
    bFormat: text('b_format'),
    bInstitutionId: text('b_institution_id'),
    aBroadMask: integer('a_broad_mask').notNull().default(0),
    aSdgMask: integer('a_sdg_mask').notNull().default(0),
    bBroadMask: integer('b_broad_mask').notNull().default(0),
    bSdgMask: integer('b_sdg_mask').notNull().default(0),
  },
  (t) => [
    index('partnerships_offer_idx').on(t.offerId, t.status),
    index('partnerships_masks_idx').on(
      t.createdAt,
      t.status,
      t.aRegion,
      t.bRegion,
      t.aBroadMask,
      t.bBroadMask,
      t.aSdgMask,
      t.bSdgMask,
      t.studentsA,
      t.studentsB,
      t.decidedAt,
      t.aPostedAt,
    ),
    index('partnerships_partner_offer_idx').on(t.partnerOfferId, t.status),
    index('partnerships_status_idx').on(t.status, t.decidedAt),
    index('partnerships_stats_idx').on(
      t.createdAt,
      t.id,
      t.status,
      t.offerId,
      t.partnerOfferId,
      t.decidedAt,
      t.studentsA,
      t.studentsB,
      t.aRegion,
      t.aCountry,
      t.aFormat,
      t.aPostedAt,
      t.aInstitutionId,
      t.bRegion,
      t.bCountry,
      t.bFormat,
      t.bInstitutionId,
    ),
    index('partnerships_pairs_idx').on(
      t.aCountry,
      t.bCountry,
      t.aRegion,
      t.bRegion,
      t.createdAt,
      t.status,
      t.decidedAt,
      t.aPostedAt,
      t.studentsA,
      t.studentsB,
    ),
    index('partnerships_agreed_idx').on(
      t.status,
      t.decidedAt,
      t.aRegion,
      t.bRegion,
      t.studentsA,
      t.studentsB,
      t.aPostedAt,
      t.aInstitutionId,
      t.bInstitutionId,
    ),
    index('partnerships_requested_by_idx').on(t.requestedBy),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    studentId: text('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    motivation: text('motivation').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'withdrawn'] }).notNull(),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('applications_offer_student_idx').on(t.offerId, t.studentId),
    index('applications_student_idx').on(t.studentId, t.createdAt),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    mailedAt: timestamp('mailed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unmailed_idx')
      .on(t.createdAt)
      .where(sql`${t.mailedAt} is null`),
  ],
);

export const balanceGoals = pgTable('balance_goals', {
  id: text('id').primaryKey(),
  asiaShareTarget: doublePrecision('asia_share_target').notNull(),
  maxCountryShare: doublePrecision('max_country_share').notNull(),
  balanceWeight: doublePrecision('balance_weight').notNull(),
  priorityCountries: jsonb('priority_countries')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
});

export const matchingRounds = pgTable(
  'matching_rounds',
  {
    id: text('id').primaryKey(),
    createdBy: text('created_by').references(() => users.id),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    totalScore: doublePrecision('total_score'),
    parameters: jsonb('parameters').$type<Record<string, unknown>>(),
    error: text('error'),
    asiaOffers: integer('asia_offers'),
    europeOffers: integer('europe_offers'),
    candidatePairs: integer('candidate_pairs'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 }),
    progress: jsonb('progress').$type<{
      phase: 'candidates' | 'assignment';
      done: number;
      total: number;
    }>(),
  },
  (t) => [
    uniqueIndex('matching_rounds_one_running_idx')
      .on(t.status)
      .where(sql`${t.status} = 'running'`),
  ],
);

export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)],
);

export const matchingProposals = pgTable(
  'matching_proposals',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => matchingRounds.id, { onDelete: 'cascade' }),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id),
    partnerOfferId: text('partner_offer_id')
      .notNull()
      .references(() => offers.id),
    score: doublePrecision('score').notNull(),
    partnershipId: text('partnership_id'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.offerId] }),
    index('matching_proposals_partner_idx').on(t.roundId, t.partnerOfferId),
  ],
);

// The whole domain of API.md as tables, so later work adds behaviour, not tables.
// Lists that are searched (fields, languages, levels, SDGs, themes, windows) also live in
// side tables the offer repository keeps in step with the offer's own JSON columns.
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const institutions = sqliteTable(
  'institutions',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    region: text('region', { enum: ['asia', 'europe'] }).notNull(),
    city: text('city'),
    website: text('website'),
    type: text('type', { enum: ['university', 'tvet', 'college', 'other'] }).notNull(),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
    verifiedBy: text('verified_by'),
    /**
     * The secretariat's review of an unverified institution: `pending` (in the queue),
     * `info_requested` (waiting for its admin's answer) or `refused`.
     */
    reviewStatus: text('review_status', { enum: ['pending', 'info_requested', 'refused'] })
      .notNull()
      .default('pending'),
    /** Why it was refused, or what the secretariat asked. */
    reviewNote: text('review_note'),
    /** The admin's answer to the question. */
    reviewAnswer: text('review_answer'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    /** `directory` = imported from the Hipo list; `registered` = created on the platform. */
    source: text('source', { enum: ['directory', 'registered'] }).notNull(),
    createdBy: text('created_by'),
    /** Lower-cased name for ordering without a function index. */
    sortName: text('sort_name').notNull(),
    /** Name, city and domains folded (lower case, no diacritics) for search. */
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

export const institutionDomains = sqliteTable(
  'institution_domains',
  {
    institutionId: text('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    /**
     * `approved` counts for affiliations; `pending`: added by an institution's admin, waiting
     * for the secretariat (the directory's and the creator's first domains are approved).
     */
    status: text('status', { enum: ['approved', 'pending'] })
      .notNull()
      .default('approved'),
    requestedBy: text('requested_by'),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.domain] }),
    index('institution_domains_domain_idx').on(t.domain),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    role: text('role', {
      enum: ['student', 'lecturer', 'institution_admin', 'secretariat'],
    }).notNull(),
    /** The institution a lecturer or admin belongs to once the affiliation is verified. */
    institutionId: text('institution_id').references(() => institutions.id),
    /** JSON: [{code, level}] — the languages the person works in. */
    languages: text('languages', { mode: 'json' })
      .$type<{ code: string; level: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    timeZone: text('time_zone'),
    suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }),
    suspendedReason: text('suspended_reason'),
    /** When the person last used the platform, to the hour (the offer page's "last active"). */
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
    /** When the person proved they read mail at `email` (null: not yet). */
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    /** Profile: an academic title (e.g. "Dr.", "Associate Professor") and a short bio. */
    title: text('title'),
    bio: text('bio'),
    /** The language pages and mails are in (a supported locale code), when the person chose one. */
    locale: text('locale'),
    /** How the person hears of what happens: a mail at once, a daily digest, or no mail. */
    emailNotifications: text('email_notifications', { enum: ['instant', 'daily', 'off'] })
      .notNull()
      .default('instant'),
    /** One of the demo data's accounts (marked as such in the UI). */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(t.email),
    index('users_institution_idx').on(t.institutionId),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the token, hex; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the session was last used, to the minute or so (the sessions list's "last seen"). */
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
    /** The browser's User-Agent at log-in (shortened), to tell one's devices apart. */
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Single-use links sent by mail: verifying an address, resetting a password. Only the SHA-256
 * of the token is stored; `email` is the address the link was sent to (a verification proves
 * that address, not whatever the account's address is by the time it is used).
 */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'password_reset'] }).notNull(),
    email: text('email').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId, t.purpose),
    index('email_tokens_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Mail to send: stored in the same transaction as what causes it, sent by a worker that claims
 * a row with a lease (`leaseUntil`, `leaseOwner`) so that of several processes one sends it,
 * and retries with back-off (`nextAttemptAt`). `dedupeKey`, when set, makes a mail once-only
 * (a reminder, a day's digest): a second insert with the same key is ignored.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    /** What the mail is (verify_email, password_reset, partnership_request, digest, …). */
    kind: text('kind').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** JSON: extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('mail_outbox_dedupe_idx').on(t.dedupeKey),
    index('mail_outbox_user_idx').on(t.userId, t.createdAt),
  ],
);

/** A profile picture: the resized image itself (small: the upload is limited and re-encoded). */
export const avatars = sqliteTable('avatars', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * The platform's own settings, kept with its data: the demo accounts' password (printed at every
 * start), the secret that signs unsubscribe links. Keys are fixed names.
 */
export const platformSettings = sqliteTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const affiliations = sqliteTable(
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
    /** How it was verified: by the email's domain, by the institution's admin, or by the secretariat. */
    method: text('method', { enum: ['email_domain', 'admin', 'secretariat', 'creator'] }),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('affiliations_user_institution_idx').on(t.userId, t.institutionId),
    index('affiliations_institution_status_idx').on(t.institutionId, t.status),
  ],
);

export const offers = sqliteTable(
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
    fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
    sdgs: text('sdgs', { mode: 'json' }).$type<number[]>().notNull(),
    themes: text('themes', { mode: 'json' }).$type<string[]>().notNull(),
    languages: text('languages', { mode: 'json' })
      .$type<{ code: string; level: string; minPartnerLevel: string }[]>()
      .notNull(),
    levels: text('levels', { mode: 'json' }).$type<string[]>().notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    timeZone: text('time_zone').notNull(),
    windows: text('windows', { mode: 'json' })
      .$type<{ weekday: number; start: string; end: string }[]>()
      .notNull(),
    classSize: integer('class_size').notNull(),
    seekingRegion: text('seeking_region', { enum: ['asia', 'europe', 'any'] }).notNull(),
    openToStudents: integer('open_to_students', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: ['open', 'matched', 'closed'] }).notNull(),
    /** Denormalised from the institution so region/country filters need no join. */
    country: text('country').notNull(),
    region: text('region', { enum: ['asia', 'europe'] }).notNull(),
    hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: text('hidden_by'),
    /**
     * The offer's ISCED-F broad fields (bit n for code n) and SDGs (bit n for goal n) as bit
     * sets, kept by triggers on its side tables: statistics count per field or SDG in one pass.
     */
    broadMask: integer('broad_mask').notNull().default(0),
    sdgMask: integer('sdg_mask').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the owner last said the offer is still open (null: since it was posted). */
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    /** When the "still open?" mail went out for the current confirmation period. */
    stillOpenMailedAt: integer('still_open_mailed_at', { mode: 'timestamp_ms' }),
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
    // The matcher's in-memory index catches up with writes by asking what changed since.
    index('offers_updated_idx').on(t.updatedAt),
    // The secretariat's statistics read only these columns: as covering indexes they are read
    // without touching the wide rows (descriptions), by id (partnership sides) and in one scan.
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
    // Offers per field or SDG: one pass over the bit sets.
    index('offers_masks_idx').on(
      t.hiddenAt,
      t.createdAt,
      t.region,
      t.status,
      t.endDate,
      t.broadMask,
      t.sdgMask,
    ),
    // Offers per institution (and its country) in institution order, for concentration.
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

export const offerFields = sqliteTable(
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

export const offerLanguages = sqliteTable(
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

export const offerLevels = sqliteTable(
  'offer_levels',
  { offerId: offerRef(), level: text('level').notNull() },
  (t) => [
    primaryKey({ columns: [t.offerId, t.level] }),
    index('offer_levels_level_idx').on(t.level),
  ],
);

export const offerSdgs = sqliteTable(
  'offer_sdgs',
  { offerId: offerRef(), sdg: integer('sdg').notNull() },
  (t) => [primaryKey({ columns: [t.offerId, t.sdg] }), index('offer_sdgs_sdg_idx').on(t.sdg)],
);

export const offerThemes = sqliteTable(
  'offer_themes',
  { offerId: offerRef(), theme: text('theme').notNull() },
  (t) => [
    primaryKey({ columns: [t.offerId, t.theme] }),
    index('offer_themes_theme_idx').on(t.theme),
  ],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['partnership', 'direct'] }).notNull(),
    title: text('title').notNull(),
    /** For direct conversations: the two user ids, sorted and joined, so there is only one. */
    directKey: text('direct_key'),
    /** The last `seq` handed out; the next message takes lastSeq + 1 in the same transaction. */
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: integer('last_message_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conversations_direct_key_idx').on(t.directKey)],
);

export const conversationMembers = sqliteTable(
  'conversation_members',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Read cursor: only ever moves forward. */
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    /** When a mail said a message here was unread (once until it is read; null: none since). */
    unreadMailedAt: integer('unread_mailed_at', { mode: 'timestamp_ms' }),
    joinedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_members_user_idx').on(t.userId),
  ],
);

export const messages = sqliteTable(
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

export const partnerships = sqliteTable(
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
    score: real('score'),
    conversationId: text('conversation_id').references(() => conversations.id),
    /** Set when the request came from a matching round's proposal. */
    matchingRoundId: text('matching_round_id'),
    createdAt: createdAt(),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    /** When the recipient of a pending request was reminded of it (once, after 3 days). */
    remindedAt: integer('reminded_at', { mode: 'timestamp_ms' }),
    studentsA: integer('students_a'),
    studentsB: integer('students_b'),
    /*
     * Each side's place, copied from its offer when the request is stored (a trigger, so every
     * way of inserting fills them): statistics aggregate 50k partnerships from one narrow index
     * instead of looking up 100k offers. Side a is the requesting offer; aPostedAt is when it
     * was posted (days to match).
     */
    aRegion: text('a_region', { enum: ['asia', 'europe'] }),
    aCountry: text('a_country'),
    aFormat: text('a_format'),
    aInstitutionId: text('a_institution_id'),
    aPostedAt: integer('a_posted_at', { mode: 'timestamp_ms' }),
    bRegion: text('b_region', { enum: ['asia', 'europe'] }),
    bCountry: text('b_country'),
    bFormat: text('b_format'),
    bInstitutionId: text('b_institution_id'),
    /** Each side's offer's field and SDG bit sets (see offers), copied and kept by triggers. */
    aBroadMask: integer('a_broad_mask').notNull().default(0),
    aSdgMask: integer('a_sdg_mask').notNull().default(0),
    bBroadMask: integer('b_broad_mask').notNull().default(0),
    bSdgMask: integer('b_sdg_mask').notNull().default(0),
  },
  (t) => [
    index('partnerships_offer_idx').on(t.offerId, t.status),
    // Breakdowns by field or SDG: one pass by request date over the sides' bit sets.
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
    // Statistics scan partnerships by request date without reading their messages.
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
    // Breakdowns by country group the pairs of side countries in this order (no sort), and the
    // balance reads agreed partnerships by decision date: both without the wide rows.
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

export const applications = sqliteTable(
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
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('applications_offer_student_idx').on(t.offerId, t.studentId),
    index('applications_student_idx').on(t.studentId, t.createdAt),
  ],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** JSON: what the notification is about (ids, names) for the UI to render. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    /** When the notification went out by mail (at once or in a digest); null: not mailed. */
    mailedAt: integer('mailed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    // What is still to be mailed, by date: small, since mailing marks it.
    index('notifications_unmailed_idx')
      .on(t.createdAt)
      .where(sql`${t.mailedAt} is null`),
  ],
);

/** One row, id `current`: the goals the matcher and the statistics use. */
export const balanceGoals = sqliteTable('balance_goals', {
  id: text('id').primaryKey(),
  asiaShareTarget: real('asia_share_target').notNull(),
  maxCountryShare: real('max_country_share').notNull(),
  balanceWeight: real('balance_weight').notNull(),
  /** JSON: ISO codes of countries the secretariat wants lifted. */
  priorityCountries: text('priority_countries', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const matchingRounds = sqliteTable(
  'matching_rounds',
  {
    id: text('id').primaryKey(),
    createdBy: text('created_by').references(() => users.id),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    totalScore: real('total_score'),
    /** JSON: the balance goals and parameters the round ran with. */
    parameters: text('parameters', { mode: 'json' }).$type<Record<string, unknown>>(),
    error: text('error'),
    /** Open offers on each side when the round ran, and the pairs its sparse graph kept. */
    asiaOffers: integer('asia_offers'),
    europeOffers: integer('europe_offers'),
    candidatePairs: integer('candidate_pairs'),
    createdAt: createdAt(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    /**
     * While running: when the process running it last said it is alive, and how far it got (so
     * every process can show it). A running round whose heartbeat stopped was left by a process
     * that died, and is marked failed.
     */
    heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }),
    progress: text('progress', { mode: 'json' }).$type<{
      phase: 'candidates' | 'assignment';
      done: number;
      total: number;
    }>(),
  },
  // One round at a time, whichever process starts it: a second running row cannot exist.
  (t) => [
    uniqueIndex('matching_rounds_one_running_idx')
      .on(t.status)
      .where(sql`${t.status} = 'running'`),
  ],
);

/**
 * Rate-limit counters (fixed windows) shared by every process on the database: the HTTP limit
 * per client address and the failed log-ins per account. Keys name their limit and subject.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    /** When the current window ends and the count starts again from zero. */
    resetAt: integer('reset_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)],
);

export const matchingProposals = sqliteTable(
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
    score: real('score').notNull(),
    /** The partnership a lecturer opened from this proposal, if any. */
    partnershipId: text('partnership_id'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.offerId] }),
    index('matching_proposals_partner_idx').on(t.roundId, t.partnerOfferId),
  ],
);

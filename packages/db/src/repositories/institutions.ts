// Institutions and their web domains.
import { and, asc, count, eq, gt, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { foldForSearch, searchWords } from '@twinning/core/text/fold';
import type { Region } from '@twinning/core/vocabulary/countries';
import type { Db } from '../client.ts';
import { changedRows, tablesFor } from '../dialect.ts';
import { dialectOfDb, transaction } from '../transaction.ts';
import { decodeCursor, likeEscape, pageOf, type Page } from '../paging.ts';
import type * as schema from '../schema.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';
import { approvePendingAdminClaims, verifyAffiliationsByEmailDomain } from './affiliations.ts';

export type InstitutionType = 'university' | 'tvet' | 'college' | 'other';

export interface Institution {
  id: string;
  name: string;
  country: string;
  region: Region;
  city: string | null;
  website: string | null;
  /** The approved web domains: the ones that count for affiliations (pending ones: domainsOf). */
  domains: string[];
  type: InstitutionType;
  verified: boolean;
}

/** One of an institution's web domains with its state (`pending`: waits for the secretariat). */
export interface InstitutionDomain {
  domain: string;
  status: 'approved' | 'pending';
  requestedBy: { id: string; name: string; email: string } | null;
  requestedAt: Date | null;
}

/** A domain an admin added, waiting in the secretariat's queue. */
export interface PendingDomain {
  institutionId: string;
  institutionName: string;
  institutionVerified: boolean;
  domain: string;
  requestedBy: { id: string; name: string; email: string } | null;
  requestedAt: Date | null;
}

export interface NewInstitution {
  id: string;
  name: string;
  country: string;
  region: Region;
  city: string | null;
  website: string | null;
  domains: string[];
  type: InstitutionType;
  verified: boolean;
  source: 'directory' | 'registered';
  createdBy: string | null;
}

/** Where the secretariat's review of an unverified institution stands. */
export type ReviewStatus = 'pending' | 'info_requested' | 'refused';

export interface InstitutionReview {
  institutionId: string;
  verified: boolean;
  status: ReviewStatus;
  /** Why it was refused, or what the secretariat asked. */
  note: string | null;
  /** The admin's answer to the question. */
  answer: string | null;
  reviewedAt: Date | null;
  answeredAt: Date | null;
}

/** One institution in the verification queue, with who asked for it and when. */
export interface QueueEntry {
  institution: Institution;
  requestedBy: { id: string; name: string; email: string } | null;
  requestedAt: Date;
  review: InstitutionReview;
}

export interface InstitutionFilter {
  q?: string;
  country?: string;
  region?: Region;
  verified?: boolean;
  /** Unverified institutions that an admin registered or claimed: the secretariat's queue. */
  awaitingVerification?: boolean;
  limit: number;
  cursor?: string;
}

/** An admin asked for it: registered it, or claimed it from the directory (and was not refused). */
const askedForByAnAdminIn = ({ affiliations, institutions }: typeof schema) =>
  sql`exists (select 1 from ${affiliations} where ${affiliations.institutionId} = ${institutions.id} and ${affiliations.role} = 'admin' and ${affiliations.status} <> 'refused')`;

/**
 * When an admin first asked for it (registration or claim), in ms. Written out in plain SQL: in
 * a select list drizzle leaves columns unqualified, and `id` would name the affiliation's.
 */
const requestedAtIn = (db: Db) =>
  dialectOfDb(db) === 'postgres'
    ? sql<number>`(select round(extract(epoch from min(a.created_at)) * 1000)::float8 from affiliations a where a.institution_id = "institutions"."id" and a.role = 'admin' and a.status <> 'refused')`
    : sql<number>`(select min(a.created_at) from affiliations a where a.institution_id = "institutions"."id" and a.role = 'admin' and a.status <> 'refused')`;

/**
 * The verification queue in one review state: unverified institutions an admin asked for.
 * `pending` is what waits for the secretariat (`awaitingVerification`).
 */
export function inVerificationQueue(db: Db, status: ReviewStatus = 'pending'): SQL {
  const tables = tablesFor(db);
  return and(
    eq(tables.institutions.verified, false),
    askedForByAnAdminIn(tables),
    eq(tables.institutions.reviewStatus, status),
  )!;
}

/**
 * The one meaning of "waiting for verification", for the secretariat's queue and every count of
 * it (moderation's too): not verified yet, an admin asked — registered it, or claimed a directory
 * entry — and was not refused, and the secretariat has neither refused it nor asked a question
 * that waits for an answer. An unverified directory entry nobody claimed waits for nobody.
 */
export const awaitingVerification = (db: Db): SQL => inVerificationQueue(db, 'pending');

function reviewOf(r: {
  id: string;
  verified: boolean;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  reviewAnswer: string | null;
  reviewedAt: Date | null;
  answeredAt: Date | null;
}): InstitutionReview {
  return {
    institutionId: r.id,
    verified: r.verified,
    status: r.reviewStatus,
    note: r.reviewNote,
    answer: r.reviewAnswer,
    reviewedAt: r.reviewedAt,
    answeredAt: r.answeredAt,
  };
}

/** Orders by the name's letters: quotes and other leading marks do not put a name first. */
export function sortNameOf(name: string): string {
  return foldForSearch(name).replace(/^[^\p{L}\p{N}]+/u, '');
}

function searchTextOf(i: Pick<NewInstitution, 'name' | 'city' | 'domains'>): string {
  return foldForSearch([i.name, i.city ?? '', ...i.domains].join(' '));
}

export function createInstitutionRepository(db: Db) {
  const { affiliations, institutionDomains, institutions, users } = tablesFor(db);
  const columns = {
    id: institutions.id,
    name: institutions.name,
    country: institutions.country,
    region: institutions.region,
    city: institutions.city,
    website: institutions.website,
    type: institutions.type,
    verified: institutions.verified,
    sortName: institutions.sortName,
  };
  const reviewColumns = {
    id: institutions.id,
    verified: institutions.verified,
    reviewStatus: institutions.reviewStatus,
    reviewNote: institutions.reviewNote,
    reviewAnswer: institutions.reviewAnswer,
    reviewedAt: institutions.reviewedAt,
    answeredAt: institutions.answeredAt,
  };
  async function withDomains<T extends { id: string }>(
    rows: T[],
  ): Promise<(T & { domains: string[] })[]> {
    if (rows.length === 0) return [];
    const domainRows = await db
      .select()
      .from(institutionDomains)
      .where(
        inArray(
          institutionDomains.institutionId,
          rows.map((r) => r.id),
        ),
      );
    // Only approved domains are the institution's; pending ones wait (domainsOf lists them).
    const byInstitution = new Map<string, string[]>();
    for (const d of domainRows) {
      if (d.status !== 'approved') continue;
      const list = byInstitution.get(d.institutionId) ?? [];
      list.push(d.domain);
      byInstitution.set(d.institutionId, list);
    }
    return rows.map((r) => ({ ...r, domains: (byInstitution.get(r.id) ?? []).sort() }));
  }

  type InstitutionFields = Omit<Institution, 'domains'>;
  function toInstitution(r: InstitutionFields, domains: string[]): Institution {
    return {
      id: r.id,
      name: r.name,
      country: r.country,
      region: r.region,
      city: r.city,
      website: r.website,
      domains,
      type: r.type,
      verified: r.verified,
    };
  }

  return {
    async list(filter: InstitutionFilter): Promise<Page<Institution>> {
      const conditions: SQL[] = [];
      for (const word of searchWords(filter.q ?? '')) {
        conditions.push(
          sql`${institutions.searchText} LIKE ${`%${likeEscape(word)}%`} ESCAPE '\\'`,
        );
      }
      if (filter.country) conditions.push(eq(institutions.country, filter.country));
      if (filter.region) conditions.push(eq(institutions.region, filter.region));
      if (filter.verified !== undefined)
        conditions.push(eq(institutions.verified, filter.verified));
      if (filter.awaitingVerification) conditions.push(awaitingVerification(db));
      if (filter.cursor) {
        const [sortName, id] = decodeCursor(filter.cursor, 2) as [string, string];
        conditions.push(
          or(
            gt(institutions.sortName, sortName),
            and(eq(institutions.sortName, sortName), gt(institutions.id, id)),
          )!,
        );
      }
      const rows = await db
        .select(columns)
        .from(institutions)
        .where(and(...conditions))
        .orderBy(asc(institutions.sortName), asc(institutions.id))
        .limit(filter.limit + 1);
      const page = pageOf(rows, filter.limit, (r) => [r.sortName, r.id]);
      const items = (await withDomains(page.rows)).map((r) => toInstitution(r, r.domains));
      return { items, nextCursor: page.nextCursor };
    },

    async findById(id: string): Promise<Institution | undefined> {
      const [row] = await db.select(columns).from(institutions).where(eq(institutions.id, id));
      if (!row) return undefined;
      const [withD] = await withDomains([row]);
      return toInstitution(row, withD?.domains ?? []);
    },

    /**
     * With `admin`, the creator becomes the institution's admin in the same transaction, `at`
     * (when the admin asked for it, the start of its verification).
     */
    async create(
      input: NewInstitution,
      admin?: { userId: string; affiliationId: string; at?: Date },
    ): Promise<Institution> {
      const at = admin?.at ?? new Date();
      await transaction(db, async (tx) => {
        await tx.insert(institutions).values({
          ...input,
          sortName: sortNameOf(input.name),
          searchText: searchTextOf(input),
          verifiedAt: input.verified ? at : null,
          createdAt: at,
        });
        if (input.domains.length > 0) {
          await tx
            .insert(institutionDomains)
            .values(
              [...new Set(input.domains)].map((domain) => ({ institutionId: input.id, domain })),
            );
        }
        if (admin) {
          await tx.update(users).set({ institutionId: input.id }).where(eq(users.id, admin.userId));
          await tx.insert(affiliations).values({
            id: admin.affiliationId,
            userId: admin.userId,
            institutionId: input.id,
            role: 'admin',
            status: 'verified',
            method: 'creator',
            decidedAt: at,
            createdAt: at,
          });
        }
      });
      return toInstitution(input, [...new Set(input.domains)].sort());
    },

    /** Loads many at once (the directory import): one transaction, all or nothing. */
    async createMany(inputs: NewInstitution[]): Promise<number> {
      // A few hundred rows a statement: the directory's 4,859 institutions one by one were
      // ten thousand round trips to PostgreSQL (seconds at every first start).
      const batch = 400;
      await transaction(db, async (tx) => {
        for (let i = 0; i < inputs.length; i += batch) {
          const part = inputs.slice(i, i + batch);
          await tx.insert(institutions).values(
            part.map((input) => ({
              ...input,
              sortName: sortNameOf(input.name),
              searchText: searchTextOf(input),
              verifiedAt: input.verified ? new Date() : null,
            })),
          );
          const domains = part.flatMap((input) =>
            [...new Set(input.domains)].map((domain) => ({ institutionId: input.id, domain })),
          );
          if (domains.length > 0) await tx.insert(institutionDomains).values(domains);
        }
      });
      return inputs.length;
    },

    /**
     * Replaces the editable fields and the list of domains of one institution. Domains it had
     * keep their state; new ones wait for the secretariat (`pending`, asked `by` the admin, `at`);
     * domains left out are removed.
     */
    async update(
      id: string,
      changes: Pick<
        NewInstitution,
        'name' | 'country' | 'region' | 'city' | 'website' | 'domains' | 'type'
      >,
      asked: { by: string | null; at: Date } = { by: null, at: new Date() },
    ): Promise<Institution | undefined> {
      await transaction(db, async (tx) => {
        await tx
          .update(institutions)
          .set({
            name: changes.name,
            country: changes.country,
            region: changes.region,
            city: changes.city,
            website: changes.website,
            type: changes.type,
            sortName: sortNameOf(changes.name),
            searchText: searchTextOf(changes),
          })
          .where(eq(institutions.id, id));
        const wanted = [...new Set(changes.domains)];
        const had = await tx
          .select({ domain: institutionDomains.domain })
          .from(institutionDomains)
          .where(eq(institutionDomains.institutionId, id));
        const kept = new Set(had.map((d) => d.domain));
        const gone = [...kept].filter((d) => !wanted.includes(d));
        if (gone.length > 0) {
          await tx
            .delete(institutionDomains)
            .where(
              and(
                eq(institutionDomains.institutionId, id),
                inArray(institutionDomains.domain, gone),
              ),
            );
        }
        const added = wanted.filter((d) => !kept.has(d));
        if (added.length > 0) {
          await tx.insert(institutionDomains).values(
            added.map((domain) => ({
              institutionId: id,
              domain,
              status: 'pending' as const,
              requestedBy: asked.by,
              requestedAt: asked.at,
            })),
          );
        }
      });
      return this.findById(id);
    },

    /** All of an institution's domains with their state and who asked for a pending one. */
    async domainsOf(institutionId: string): Promise<InstitutionDomain[]> {
      const rows = await db
        .select({
          domain: institutionDomains.domain,
          status: institutionDomains.status,
          requestedAt: institutionDomains.requestedAt,
          requesterId: users.id,
          requesterName: users.name,
          requesterEmail: users.email,
        })
        .from(institutionDomains)
        .leftJoin(users, eq(users.id, institutionDomains.requestedBy))
        .where(eq(institutionDomains.institutionId, institutionId))
        .orderBy(asc(institutionDomains.domain));
      return rows.map((r) => ({
        domain: r.domain,
        status: r.status,
        requestedBy:
          r.requesterId && r.requesterName !== null && r.requesterEmail !== null
            ? { id: r.requesterId, name: r.requesterName, email: r.requesterEmail }
            : null,
        requestedAt: r.requestedAt,
      }));
    },

    /** Domains admins added that wait for the secretariat, oldest request first. */
    async pendingDomains(limit = 200): Promise<PendingDomain[]> {
      const rows = await db
        .select({
          institutionId: institutionDomains.institutionId,
          institutionName: institutions.name,
          institutionVerified: institutions.verified,
          domain: institutionDomains.domain,
          requestedAt: institutionDomains.requestedAt,
          requesterId: users.id,
          requesterName: users.name,
          requesterEmail: users.email,
        })
        .from(institutionDomains)
        .innerJoin(institutions, eq(institutions.id, institutionDomains.institutionId))
        .leftJoin(users, eq(users.id, institutionDomains.requestedBy))
        .where(eq(institutionDomains.status, 'pending'))
        .orderBy(
          asc(institutionDomains.requestedAt),
          asc(institutionDomains.institutionId),
          asc(institutionDomains.domain),
        )
        .limit(limit);
      return rows.map((r) => ({
        institutionId: r.institutionId,
        institutionName: r.institutionName,
        institutionVerified: r.institutionVerified,
        domain: r.domain,
        requestedBy:
          r.requesterId && r.requesterName !== null && r.requesterEmail !== null
            ? { id: r.requesterId, name: r.requesterName, email: r.requesterEmail }
            : null,
        requestedAt: r.requestedAt,
      }));
    },

    /**
     * The secretariat's decision on a pending domain, with `tell` written in the same
     * transaction. Approved, it counts for affiliations: lecturers waiting at the institution
     * whose proven address is on it join at once. Refused, it is removed. False when it was not
     * pending (nothing written).
     */
    async decideDomain(
      institutionId: string,
      domain: string,
      decision: 'approved' | 'refused',
      at: Date,
      tell: NotificationInput[] = [],
    ): Promise<boolean> {
      return transaction(db, async (tx) => {
        const which = and(
          eq(institutionDomains.institutionId, institutionId),
          eq(institutionDomains.domain, domain),
          eq(institutionDomains.status, 'pending'),
        );
        const result =
          decision === 'approved'
            ? await tx.update(institutionDomains).set({ status: 'approved' }).where(which)
            : await tx.delete(institutionDomains).where(which);
        if (changedRows(result) === 0) return false;
        if (decision === 'approved') {
          const waiting = await tx
            .select({ userId: users.id, email: users.email })
            .from(affiliations)
            .innerJoin(users, eq(users.id, affiliations.userId))
            .where(
              and(
                eq(affiliations.institutionId, institutionId),
                eq(affiliations.role, 'lecturer'),
                eq(affiliations.status, 'pending'),
                isNotNull(users.emailVerifiedAt),
              ),
            );
          for (const person of waiting) {
            await verifyAffiliationsByEmailDomain(tx, person.userId, person.email, at);
          }
        }
        await writeNotifications(tx, tell, at);
        return true;
      });
    },

    /** Marks it verified and tells its admins, in one transaction; false for an unknown id. */
    async verify(
      id: string,
      by: string,
      at: Date,
      tell: NotificationInput[] = [],
      /** Also accept the admins whose claims wait (the people who asked for it). */
      approveClaims = false,
    ): Promise<boolean> {
      return transaction(db, async (tx) => {
        const result = await tx
          .update(institutions)
          .set({ verified: true, verifiedAt: at, verifiedBy: by, reviewStatus: 'pending' })
          .where(eq(institutions.id, id));
        if (changedRows(result) === 0) return false;
        if (approveClaims) await approvePendingAdminClaims(tx, id, by, at);
        await writeNotifications(tx, tell, at);
        return true;
      });
    },

    /** Where the secretariat's review of it stands; undefined for an unknown id. */
    async review(id: string): Promise<InstitutionReview | undefined> {
      const [row] = await db
        .select(reviewColumns)
        .from(institutions)
        .where(eq(institutions.id, id));
      return row && reviewOf(row);
    },

    /**
     * Refuses it or asks its admin a question, and tells its admins, in one transaction. Only
     * from one of the `from` states and while unverified; false otherwise (nothing written).
     */
    async setReview(
      id: string,
      change: { status: 'refused' | 'info_requested'; note: string; by: string; at: Date },
      from: readonly ReviewStatus[],
      tell: NotificationInput[],
    ): Promise<boolean> {
      return transaction(db, async (tx) => {
        const result = await tx
          .update(institutions)
          .set({
            reviewStatus: change.status,
            reviewNote: change.note,
            reviewAnswer: null,
            reviewedBy: change.by,
            reviewedAt: change.at,
            answeredAt: null,
          })
          .where(
            and(
              eq(institutions.id, id),
              eq(institutions.verified, false),
              inArray(institutions.reviewStatus, [...from]),
            ),
          );
        if (changedRows(result) === 0) return false;
        await writeNotifications(tx, tell, change.at);
        return true;
      });
    },

    /** The admin's answer to the secretariat's question: back in the queue. False unless asked. */
    async answerReview(id: string, answer: string, at: Date): Promise<boolean> {
      const result = await db
        .update(institutions)
        .set({ reviewStatus: 'pending', reviewAnswer: answer, answeredAt: at })
        .where(
          and(
            eq(institutions.id, id),
            eq(institutions.verified, false),
            eq(institutions.reviewStatus, 'info_requested'),
          ),
        );
      return changedRows(result) > 0;
    },

    /** How many wait for verification (the queue's length). */
    async countAwaitingVerification(): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(institutions)
        .where(awaitingVerification(db));
      return row?.n ?? 0;
    },

    /** The people who speak for it: its admins (registered, claimed, not refused). */
    async adminIds(id: string): Promise<string[]> {
      const rows = await db
        .select({ userId: affiliations.userId })
        .from(affiliations)
        .where(
          and(
            eq(affiliations.institutionId, id),
            eq(affiliations.role, 'admin'),
            ne(affiliations.status, 'refused'),
          ),
        );
      return rows.map((r) => r.userId);
    },

    /**
     * The verification queue in one review state, oldest request first, with who asked (the
     * admin who registered or claimed it) and when.
     */
    async verificationQueue(filter: {
      status: ReviewStatus;
      limit: number;
      cursor?: string;
    }): Promise<Page<QueueEntry>> {
      const conditions: SQL[] = [inVerificationQueue(db, filter.status)];
      const requestedAt = requestedAtIn(db);
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2) as [number, string];
        conditions.push(
          sql`(${requestedAt} > ${at} or (${requestedAt} = ${at} and ${institutions.id} > ${id}))`,
        );
      }
      const rows = await db
        .select({ ...columns, ...reviewColumns, requestedAt })
        .from(institutions)
        .where(and(...conditions))
        .orderBy(requestedAt, asc(institutions.id))
        .limit(filter.limit + 1);
      const page = pageOf(rows, filter.limit, (r) => [r.requestedAt, r.id]);
      const withD = await withDomains(page.rows);
      const ids = page.rows.map((r) => r.id);
      const requesters =
        ids.length === 0
          ? []
          : await db
              .select({
                institutionId: affiliations.institutionId,
                id: users.id,
                name: users.name,
                email: users.email,
                at: affiliations.createdAt,
              })
              .from(affiliations)
              .innerJoin(users, eq(users.id, affiliations.userId))
              .where(
                and(
                  inArray(affiliations.institutionId, ids),
                  eq(affiliations.role, 'admin'),
                  ne(affiliations.status, 'refused'),
                ),
              )
              .orderBy(asc(affiliations.createdAt));
      const firstRequester = new Map<string, { id: string; name: string; email: string }>();
      for (const r of requesters) {
        if (!firstRequester.has(r.institutionId)) {
          firstRequester.set(r.institutionId, { id: r.id, name: r.name, email: r.email });
        }
      }
      return {
        items: withD.map((r) => ({
          institution: toInstitution(r, r.domains),
          requestedBy: firstRequester.get(r.id) ?? null,
          requestedAt: new Date(r.requestedAt),
          review: reviewOf(r),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(institutions);
      return row?.n ?? 0;
    },
  };
}

export type InstitutionRepository = ReturnType<typeof createInstitutionRepository>;

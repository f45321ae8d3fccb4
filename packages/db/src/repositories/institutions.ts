// Institutions and their web domains.
import { and, asc, count, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { foldForSearch, searchWords } from '@twinning/core/text/fold';
import type { Region } from '@twinning/core/vocabulary/countries';
import type { Db } from '../client.ts';
import { decodeCursor, likeEscape, pageOf, type Page } from '../paging.ts';
import { affiliations, institutionDomains, institutions, users } from '../schema.ts';

export type InstitutionType = 'university' | 'tvet' | 'college' | 'other';

export interface Institution {
  id: string;
  name: string;
  country: string;
  region: Region;
  city: string | null;
  website: string | null;
  domains: string[];
  type: InstitutionType;
  verified: boolean;
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

/**
 * The one meaning of "waiting for verification", for the secretariat's queue and every count of
 * it: not verified yet, and an admin asked — registered it, or claimed a directory entry — and
 * was not refused. An unverified directory entry nobody claimed waits for nobody.
 */
export const awaitingVerification: SQL = and(
  eq(institutions.verified, false),
  sql`exists (select 1 from ${affiliations} where ${affiliations.institutionId} = ${institutions.id} and ${affiliations.role} = 'admin' and ${affiliations.status} <> 'refused')`,
)!;

/** Orders by the name's letters: quotes and other leading marks do not put a name first. */
export function sortNameOf(name: string): string {
  return foldForSearch(name).replace(/^[^\p{L}\p{N}]+/u, '');
}

function searchTextOf(i: Pick<NewInstitution, 'name' | 'city' | 'domains'>): string {
  return foldForSearch([i.name, i.city ?? '', ...i.domains].join(' '));
}

export function createInstitutionRepository(db: Db) {
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
    const byInstitution = new Map<string, string[]>();
    for (const d of domainRows) {
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
      if (filter.awaitingVerification) conditions.push(awaitingVerification);
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

    /** With `admin`, the creator becomes the institution's admin in the same transaction. */
    async create(
      input: NewInstitution,
      admin?: { userId: string; affiliationId: string },
    ): Promise<Institution> {
      db.transaction((tx) => {
        tx.insert(institutions)
          .values({
            ...input,
            sortName: sortNameOf(input.name),
            searchText: searchTextOf(input),
            verifiedAt: input.verified ? new Date() : null,
          })
          .run();
        if (input.domains.length > 0) {
          tx.insert(institutionDomains)
            .values(
              [...new Set(input.domains)].map((domain) => ({ institutionId: input.id, domain })),
            )
            .run();
        }
        if (admin) {
          tx.update(users).set({ institutionId: input.id }).where(eq(users.id, admin.userId)).run();
          tx.insert(affiliations)
            .values({
              id: admin.affiliationId,
              userId: admin.userId,
              institutionId: input.id,
              role: 'admin',
              status: 'verified',
              method: 'creator',
              decidedAt: new Date(),
            })
            .run();
        }
      });
      return toInstitution(input, [...new Set(input.domains)].sort());
    },

    /** Loads many at once (the directory import): one transaction, all or nothing. */
    async createMany(inputs: NewInstitution[]): Promise<number> {
      db.transaction((tx) => {
        for (const input of inputs) {
          tx.insert(institutions)
            .values({
              ...input,
              sortName: sortNameOf(input.name),
              searchText: searchTextOf(input),
              verifiedAt: input.verified ? new Date() : null,
            })
            .run();
          const domains = [...new Set(input.domains)];
          if (domains.length > 0) {
            tx.insert(institutionDomains)
              .values(domains.map((domain) => ({ institutionId: input.id, domain })))
              .run();
          }
        }
      });
      return inputs.length;
    },

    /** Replaces the editable fields (and the domains) of one institution. */
    async update(
      id: string,
      changes: Pick<
        NewInstitution,
        'name' | 'country' | 'region' | 'city' | 'website' | 'domains' | 'type'
      >,
    ): Promise<Institution | undefined> {
      db.transaction((tx) => {
        tx.update(institutions)
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
          .where(eq(institutions.id, id))
          .run();
        tx.delete(institutionDomains).where(eq(institutionDomains.institutionId, id)).run();
        const domains = [...new Set(changes.domains)];
        if (domains.length > 0) {
          tx.insert(institutionDomains)
            .values(domains.map((domain) => ({ institutionId: id, domain })))
            .run();
        }
      });
      return this.findById(id);
    },

    async verify(id: string, by: string, at: Date): Promise<boolean> {
      const result = await db
        .update(institutions)
        .set({ verified: true, verifiedAt: at, verifiedBy: by })
        .where(eq(institutions.id, id));
      return result.changes > 0;
    },

    /** How many wait for verification (the queue's length). */
    async countAwaitingVerification(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(institutions).where(awaitingVerification);
      return row?.n ?? 0;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(institutions);
      return row?.n ?? 0;
    },
  };
}

export type InstitutionRepository = ReturnType<typeof createInstitutionRepository>;

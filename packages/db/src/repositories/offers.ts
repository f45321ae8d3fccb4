// Offers: the catalogue. Keeps the side tables (fields, languages, levels, SDGs, themes) and the
// full-text index in step with each offer in one transaction, and searches them together.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { iscedAncestors } from '@twinning/core/vocabulary/isced';
import { segmentForIndex, words } from '@twinning/core/text/segment';
import type { OfferContent } from '@twinning/core/offers/offer-rules';
import type { MatchOffer } from '@twinning/core/matching/offer-for-matching';
import type { Region } from '@twinning/core/vocabulary/countries';
import type { Db } from '../client.ts';
import { changedRows, execute, foldLatin, tablesFor } from '../dialect.ts';
import { dialectOfDb, transaction } from '../transaction.ts';
import { decodeCursor, newestFirstKey, olderThanCursor, pageOf, type Page } from '../paging.ts';
import type * as schema from '../schema.ts';

export type OfferStatus = 'open' | 'matched' | 'closed';

export interface Offer extends OfferContent {
  id: string;
  institutionId: string;
  ownerId: string;
  status: OfferStatus;
  createdAt: Date;
  /** When its owner last confirmed it is still open (null: never; it counts from createdAt). */
  confirmedAt: Date | null;
}

/** A stored offer with what the matcher needs besides. */
export type MatchableOffer = Offer & MatchOffer;

export interface OfferSummary {
  id: string;
  title: string;
  country: string;
  institutionId: string;
  institutionName: string;
}

export interface NewOffer extends OfferContent {
  id: string;
  institutionId: string;
  ownerId: string;
  country: string;
  region: Region;
  createdAt: Date;
  /** Set when loading offers confirmed since their posting (benchmarks); null otherwise. */
  confirmedAt?: Date | null;
}

export interface OfferFilter {
  q?: string;
  format?: string;
  /** ISCED-F broad (2 digits), narrow (3) or detailed (4). */
  field?: string;
  language?: string;
  region?: Region;
  country?: string;
  level?: string;
  sdg?: number;
  theme?: string;
  /** Runs on or after / on or before: the term overlaps [from, to]. */
  from?: string;
  to?: string;
  openToStudents?: boolean;
  /**
   * `open` leaves out offers past their end date (`today`) and those unconfirmed since
   * `lapseBefore` (core/offers/still-open.ts); `all` lists every status.
   */
  status: OfferStatus | 'all';
  /** Open offers last confirmed (or posted) at or before this have left the open lists. */
  lapseBefore?: Date;
  institutionId?: string;
  ownerId?: string;
  today: string;
  limit: number;
  cursor?: string;
}

type OfferRow = typeof schema.offers.$inferSelect;

function toOffer(row: OfferRow): Offer {
  return {
    id: row.id,
    institutionId: row.institutionId,
    ownerId: row.ownerId,
    title: row.title,
    description: row.description,
    format: row.format,
    fields: row.fields,
    sdgs: row.sdgs,
    themes: row.themes,
    languages: row.languages as Offer['languages'],
    levels: row.levels as Offer['levels'],
    startDate: row.startDate,
    endDate: row.endDate,
    timeZone: row.timeZone,
    windows: row.windows,
    classSize: row.classSize,
    seekingRegion: row.seekingRegion,
    openToStudents: row.openToStudents,
    status: row.status,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
  };
}

/** An open offer is listed while confirmed (or, never confirmed, posted) after `lapseBefore`. */
function confirmedAfter(offers: typeof schema.offers, lapseBefore: Date): SQL {
  return or(
    gt(offers.confirmedAt, lapseBefore),
    and(isNull(offers.confirmedAt), gt(offers.createdAt, lapseBefore)),
  )!;
}

/** The opposite of confirmedAfter, written out (NOT of a NULL comparison is NULL, not true). */
function confirmedAtOrBefore(offers: typeof schema.offers, bound: Date): SQL {
  return or(
    lte(offers.confirmedAt, bound),
    and(isNull(offers.confirmedAt), lte(offers.createdAt, bound)),
  )!;
}

/** An open offer due a "still open?" mail, as the job takes it, with its owner to mail. */
export interface UnconfirmedOffer {
  id: string;
  title: string;
  confirmedAt: Date | null;
  createdAt: Date;
  owner: {
    id: string;
    email: string;
    name: string;
    locale: string | null;
    emailNotifications: 'instant' | 'daily' | 'off';
  };
}

/**
 * A PostgreSQL tsquery from free text, as ftsQuery's: each word a quoted lexeme (no operators
 * from users), all required, the last one also as a prefix (the word being typed).
 */
export function tsQuery(text: string): string | null {
  const list = words(text).slice(0, 12);
  if (list.length === 0) return null;
  return list
    .map((w, i) => {
      const lexeme = `'${foldLatin(w).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
      return i === list.length - 1 ? `${lexeme}:*` : lexeme;
    })
    .join(' & ');
}

/** An FTS5 query from free text: each word quoted (no operators from users), all required. */
export function ftsQuery(text: string): string | null {
  const list = words(text).slice(0, 12);
  if (list.length === 0) return null;
  return list
    .map((w, i) => `"${w.replace(/"/g, '""')}"${i === list.length - 1 ? '*' : ''}`)
    .join(' ');
}

async function writeSideTables(tx: Db, id: string, content: OfferContent): Promise<void> {
  const { offerFields, offerLanguages, offerLevels, offerSdgs, offerThemes } = tablesFor(tx);
  for (const table of [offerFields, offerLanguages, offerLevels, offerSdgs, offerThemes]) {
    await tx.delete(table).where(eq(table.offerId, id));
  }
  if (content.fields.length > 0) {
    await tx
      .insert(offerFields)
      .values(
        content.fields.map((detailed) => ({ offerId: id, detailed, ...iscedAncestors(detailed) })),
      );
  }
  if (content.languages.length > 0) {
    await tx.insert(offerLanguages).values(content.languages.map((l) => ({ offerId: id, ...l })));
  }
  if (content.levels.length > 0) {
    await tx.insert(offerLevels).values(content.levels.map((level) => ({ offerId: id, level })));
  }
  if (content.sdgs.length > 0) {
    await tx.insert(offerSdgs).values(content.sdgs.map((sdg) => ({ offerId: id, sdg })));
  }
  if (content.themes.length > 0) {
    await tx.insert(offerThemes).values(content.themes.map((theme) => ({ offerId: id, theme })));
  }
}

/** An offer's text as PostgreSQL's search document takes it: segmented into words, Latin folded. */
export function postgresSearchText(text: string): string {
  return foldLatin(segmentForIndex(text));
}

/**
 * PostgreSQL's search document of an offer, from its title and description as search text
 * (postgresSearchText): `simple` tsvectors, the title weighing A, the description B. The one
 * place it is built: this repository's writes and `pnpm db:copy` (copy.ts) use it.
 */
export function postgresSearchDocument(title: SQL, description: SQL): SQL {
  return sql`setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${description}), 'B')`;
}

/**
 * The offer's full-text entry, its title and description segmented into words (segment.ts):
 * SQLite's FTS5 table, or PostgreSQL's tsvector (`simple`: no stemming, no stop words; the
 * title weighs A, the description B). See migrations 0002 (SQLite) and 0001 (PostgreSQL).
 */
async function writeSearchIndex(tx: Db, id: string, title: string, description: string) {
  if (dialectOfDb(tx) === 'postgres') {
    const document = postgresSearchDocument(
      sql`${postgresSearchText(title)}`,
      sql`${postgresSearchText(description)}`,
    );
    await execute(
      tx,
      sql`insert into offers_search (offer_id, document) values (${id}, ${document})
          on conflict (offer_id) do update set document = excluded.document`,
    );
    return;
  }
  const titleWords = segmentForIndex(title);
  const descriptionWords = segmentForIndex(description);
  await execute(
    tx,
    sql`delete from offers_fts where rowid = (select rowid from offers where id = ${id})`,
  );
  await execute(
    tx,
    sql`insert into offers_fts(rowid, title, description)
        select rowid, ${titleWords}, ${descriptionWords} from offers where id = ${id}`,
  );
}

/** The conditions of a search (all but the text and the cursor), shared by the list and its count. */
function filterConditions(
  { offers, offerFields, offerLanguages, offerLevels, offerSdgs, offerThemes }: typeof schema,
  filter: Omit<OfferFilter, 'limit' | 'cursor' | 'q'>,
): SQL[] {
  const where: SQL[] = [isNull(offers.hiddenAt)];
  if (filter.status === 'open') {
    where.push(eq(offers.status, 'open'), gte(offers.endDate, filter.today));
    if (filter.lapseBefore) where.push(confirmedAfter(offers, filter.lapseBefore));
  } else if (filter.status !== 'all') {
    where.push(eq(offers.status, filter.status));
  }
  if (filter.format) where.push(eq(offers.format, filter.format as Offer['format']));
  if (filter.region) where.push(eq(offers.region, filter.region));
  if (filter.country) where.push(eq(offers.country, filter.country));
  if (filter.institutionId) where.push(eq(offers.institutionId, filter.institutionId));
  if (filter.ownerId) where.push(eq(offers.ownerId, filter.ownerId));
  if (filter.openToStudents !== undefined)
    where.push(eq(offers.openToStudents, filter.openToStudents));
  if (filter.from) where.push(gte(offers.endDate, filter.from));
  if (filter.to) where.push(lte(offers.startDate, filter.to));
  if (filter.field) {
    const column =
      filter.field.length === 4
        ? offerFields.detailed
        : filter.field.length === 3
          ? offerFields.narrow
          : offerFields.broad;
    where.push(
      sql`exists (select 1 from ${offerFields} where ${offerFields.offerId} = ${offers.id} and ${column} = ${filter.field})`,
    );
  }
  if (filter.language) {
    where.push(
      sql`exists (select 1 from ${offerLanguages} where ${offerLanguages.offerId} = ${offers.id} and ${offerLanguages.code} = ${filter.language})`,
    );
  }
  if (filter.level) {
    where.push(
      sql`exists (select 1 from ${offerLevels} where ${offerLevels.offerId} = ${offers.id} and ${offerLevels.level} = ${filter.level})`,
    );
  }
  if (filter.sdg !== undefined) {
    where.push(
      sql`exists (select 1 from ${offerSdgs} where ${offerSdgs.offerId} = ${offers.id} and ${offerSdgs.sdg} = ${filter.sdg})`,
    );
  }
  if (filter.theme) {
    where.push(
      sql`exists (select 1 from ${offerThemes} where ${offerThemes.offerId} = ${offers.id} and ${offerThemes.theme} = ${filter.theme})`,
    );
  }
  return where;
}

export function createOfferRepository(db: Db) {
  const { institutions, offerLanguages, offers, partnerships } = tablesFor(db);
  const tables = tablesFor(db);
  const postgres = dialectOfDb(db) === 'postgres';
  /*
   * The full-text part of a search, per dialect: the index to join, the match, and the rank
   * (lower first). SQLite: BM25 with the title weighing five times the description. PostgreSQL:
   * ts_rank with the same weights (A 1.0, B 0.2), negated to sort the same way, as float8 so a
   * cursor's rank compares exactly.
   */
  function textMatch(q: string): { table: SQL; join: SQL; where: SQL; rank: SQL<number> } | null {
    if (postgres) {
      const query = tsQuery(q);
      if (!query) return null;
      const tsquery = sql`to_tsquery('simple', ${query})`;
      return {
        table: sql`offers_search`,
        join: sql`offers_search.offer_id = ${offers.id}`,
        where: sql`offers_search.document @@ ${tsquery}`,
        rank: sql<number>`(-ts_rank('{0.1, 0.1, 0.2, 1.0}', offers_search.document, ${tsquery}))::float8`,
      };
    }
    const query = ftsQuery(q);
    if (!query) return null;
    return {
      table: sql`offers_fts`,
      join: sql`offers_fts.rowid = ${offers}.rowid`,
      where: sql`offers_fts match ${query}`,
      rank: sql<number>`bm25(offers_fts, 5.0, 1.0)`,
    };
  }
  return {
    async create(offer: NewOffer): Promise<Offer> {
      await transaction(db, async (tx) => {
        await tx.insert(offers).values({ ...offer, status: 'open', updatedAt: offer.createdAt });
        await writeSideTables(tx, offer.id, offer);
        await writeSearchIndex(tx, offer.id, offer.title, offer.description);
      });
      return { ...offer, status: 'open', confirmedAt: offer.confirmedAt ?? null };
    },

    /** Many at once, in one transaction (bulk loads and benchmarks). */
    async createMany(list: NewOffer[]): Promise<number> {
      await transaction(db, async (tx) => {
        for (const offer of list) {
          await tx.insert(offers).values({ ...offer, status: 'open', updatedAt: offer.createdAt });
          await writeSideTables(tx, offer.id, offer);
          await writeSearchIndex(tx, offer.id, offer.title, offer.description);
        }
      });
      return list.length;
    },

    async update(id: string, content: OfferContent, at: Date): Promise<Offer | undefined> {
      let row: OfferRow | undefined;
      await transaction(db, async (tx) => {
        // Editing an offer confirms it is still open (core/offers/still-open.ts).
        await tx
          .update(offers)
          .set({ ...content, updatedAt: at, confirmedAt: at, stillOpenMailedAt: null })
          .where(eq(offers.id, id));
        await writeSideTables(tx, id, content);
        await writeSearchIndex(tx, id, content.title, content.description);
        [row] = await tx.select().from(offers).where(eq(offers.id, id));
      });
      return row ? toOffer(row) : undefined;
    },

    /** Moves an offer from `from` to `to`; false when it was not in `from` (a race or a repeat). */
    async setStatus(id: string, from: OfferStatus[], to: OfferStatus, at: Date): Promise<boolean> {
      const result = await db
        .update(offers)
        .set({ status: to, updatedAt: at })
        .where(and(eq(offers.id, id), inArray(offers.status, from)));
      return changedRows(result) > 0;
    },

    /**
     * The owner confirms an open offer is still open: the 60 days start anew, and an offer that
     * had left the open lists is back (its write brings it back into the matcher's index).
     * False when the offer is not open.
     */
    async confirm(id: string, at: Date): Promise<boolean> {
      const result = await db
        .update(offers)
        .set({ confirmedAt: at, stillOpenMailedAt: null, updatedAt: at })
        .where(and(eq(offers.id, id), eq(offers.status, 'open')));
      return changedRows(result) > 0;
    },

    /**
     * Takes up to `limit` open, listed offers confirmed at or before `confirmedBefore` that were
     * not asked yet, marks them asked (`stillOpenMailedAt`), and in the same transaction lets
     * `alsoInTransaction` store their mails. The update re-checks each row, so of two processes
     * only one takes an offer. Resolves to the offers taken.
     */
    async askStillOpenDue(
      input: { confirmedBefore: Date; today: string; at: Date; limit: number },
      alsoInTransaction: (tx: Db, due: UnconfirmedOffer[]) => Promise<void>,
    ): Promise<UnconfirmedOffer[]> {
      return transaction(db, async (tx) => {
        const due = and(
          eq(offers.status, 'open'),
          isNull(offers.hiddenAt),
          isNull(offers.stillOpenMailedAt),
          gte(offers.endDate, input.today),
          confirmedAtOrBefore(offers, input.confirmedBefore),
        );
        const candidates = await tx
          .select({ id: offers.id })
          .from(offers)
          .where(due)
          .orderBy(asc(offers.createdAt), asc(offers.id))
          .limit(input.limit);
        if (candidates.length === 0) return [];
        const taken = await tx
          .update(offers)
          .set({ stillOpenMailedAt: input.at })
          .where(
            and(
              inArray(
                offers.id,
                candidates.map((c) => c.id),
              ),
              due,
            ),
          )
          .returning({ id: offers.id });
        if (taken.length === 0) return [];
        const { users } = tables;
        const rows = await tx
          .select({
            id: offers.id,
            title: offers.title,
            confirmedAt: offers.confirmedAt,
            createdAt: offers.createdAt,
            owner: {
              id: users.id,
              email: users.email,
              name: users.name,
              locale: users.locale,
              emailNotifications: users.emailNotifications,
            },
          })
          .from(offers)
          .innerJoin(users, eq(users.id, offers.ownerId))
          .where(
            inArray(
              offers.id,
              taken.map((t) => t.id),
            ),
          )
          .orderBy(asc(offers.createdAt), asc(offers.id));
        await alsoInTransaction(tx, rows);
        return rows;
      });
    },

    /**
     * Marks as written (updatedAt) the open offers that lapsed since they were asked: their
     * lapse changes no column, and the write is how the matcher's index (changedSince) learns
     * to drop them. Each is touched once: afterwards updatedAt is past its stillOpenMailedAt.
     */
    async touchLapsed(input: { lapseBefore: Date; at: Date; limit: number }): Promise<number> {
      const rows = await db
        .update(offers)
        .set({ updatedAt: input.at })
        .where(
          and(
            eq(offers.status, 'open'),
            isNotNull(offers.stillOpenMailedAt),
            lt(offers.updatedAt, offers.stillOpenMailedAt),
            confirmedAtOrBefore(offers, input.lapseBefore),
            inArray(
              offers.id,
              db
                .select({ id: offers.id })
                .from(offers)
                .where(
                  and(
                    eq(offers.status, 'open'),
                    isNotNull(offers.stillOpenMailedAt),
                    lt(offers.updatedAt, offers.stillOpenMailedAt),
                    confirmedAtOrBefore(offers, input.lapseBefore),
                  ),
                )
                .limit(input.limit),
            ),
          ),
        )
        .returning({ id: offers.id });
      return rows.length;
    },

    async findById(id: string): Promise<Offer | undefined> {
      const [row] = await db
        .select()
        .from(offers)
        .where(and(eq(offers.id, id), isNull(offers.hiddenAt)));
      return row ? toOffer(row) : undefined;
    },

    async search(filter: OfferFilter): Promise<Page<Offer>> {
      const where = filterConditions(tables, filter);

      const match = filter.q ? textMatch(filter.q) : null;
      if (filter.q && !match) return { items: [], nextCursor: null };

      if (match) {
        const ranked = db.$with('ranked').as(
          db
            .select({ id: offers.id, rank: match.rank.as('rank') })
            .from(offers)
            .innerJoin(match.table, match.join)
            .where(and(match.where, ...where)),
        );
        const cursorWhere: SQL[] = [];
        if (filter.cursor) {
          const [lastRank, lastId] = decodeCursor(filter.cursor, 2) as [number, string];
          cursorWhere.push(
            or(
              gt(sql`ranked.rank`, lastRank),
              and(eq(sql`ranked.rank`, lastRank), gt(sql`ranked.id`, lastId)),
            )!,
          );
        }
        const rows = await db
          .with(ranked)
          .select({ offer: offers, rank: sql<number>`ranked.rank` })
          .from(ranked)
          .innerJoin(offers, eq(offers.id, sql`ranked.id`))
          .where(and(...cursorWhere))
          .orderBy(asc(sql`ranked.rank`), asc(sql`ranked.id`))
          .limit(filter.limit + 1);
        const page = pageOf(rows, filter.limit, (r) => [r.rank, r.offer.id]);
        return { items: page.rows.map((r) => toOffer(r.offer)), nextCursor: page.nextCursor };
      }

      // Newest first; the cursor is the last (createdAt, id), so inserts never shift a page.
      if (filter.cursor) where.push(olderThanCursor(offers.createdAt, offers.id, filter.cursor));
      const rows = await db
        .select()
        .from(offers)
        .where(and(...where))
        .orderBy(desc(offers.createdAt), desc(offers.id))
        .limit(filter.limit + 1);
      const page = pageOf(rows, filter.limit, newestFirstKey);
      return { items: page.rows.map(toOffer), nextCursor: page.nextCursor };
    },

    /**
     * How many offers `search` finds for `filter` (the same conditions, the same text match),
     * counted up to `cap`: past it the answer is `{count: cap, capped: true}`, so a count never
     * reads more than `cap` rows beyond what the filters themselves cost.
     */
    async count(
      filter: Omit<OfferFilter, 'limit' | 'cursor'>,
      cap: number,
    ): Promise<{ count: number; capped: boolean }> {
      const where = filterConditions(tables, filter);
      const match = filter.q ? textMatch(filter.q) : null;
      if (filter.q && !match) return { count: 0, capped: false };
      const found = match
        ? db
            .select({ one: sql<number>`1`.as('one') })
            .from(offers)
            .innerJoin(match.table, match.join)
            .where(and(match.where, ...where))
            .limit(cap + 1)
        : db
            .select({ one: sql<number>`1`.as('one') })
            .from(offers)
            .where(and(...where))
            .limit(cap + 1);
      const [row] = await db.select({ n: count() }).from(found.as('found'));
      const n = row?.n ?? 0;
      return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
    },

    /**
     * The languages the listed offers use (open, not past their end, not hidden; only those
     * open to students with `openToStudents`), most used first, then by code.
     */
    async languageUsage(filter: {
      today: string;
      lapseBefore?: Date;
      openToStudents?: boolean;
    }): Promise<{ code: string; offers: number }[]> {
      const where = filterConditions(tables, { status: 'open', ...filter });
      const offersUsing = count();
      return db
        .select({ code: offerLanguages.code, offers: offersUsing })
        .from(offerLanguages)
        .innerJoin(offers, eq(offers.id, offerLanguages.offerId))
        .where(and(...where))
        .groupBy(offerLanguages.code)
        .orderBy(desc(offersUsing), asc(offerLanguages.code));
    },

    async summaryOfInstitution(institutionId: string, today: string) {
      const [row] = await db
        .select({
          offers: count(),
          openOffers:
            sql<number>`coalesce(sum(case when ${offers.status} = 'open' and ${offers.endDate} >= ${today} then 1 else 0 end), 0)`.mapWith(
              Number,
            ),
        })
        .from(offers)
        .where(and(eq(offers.institutionId, institutionId), isNull(offers.hiddenAt)));
      const [agreed] = await db
        .select({ n: count() })
        .from(partnerships)
        .where(
          and(
            inArray(partnerships.status, ['accepted', 'completed']),
            sql`exists (select 1 from ${offers} where ${offers.institutionId} = ${institutionId}
                 and (${offers.id} = ${partnerships.offerId} or ${offers.id} = ${partnerships.partnerOfferId}))`,
          ),
        );
      return {
        offers: row?.offers ?? 0,
        openOffers: Number(row?.openOffers ?? 0),
        partnerships: agreed?.n ?? 0,
      };
    },

    /** Ids of the offers a person keeps, every status. */
    async idsOwnedBy(ownerId: string): Promise<string[]> {
      const rows = await db
        .select({ id: offers.id })
        .from(offers)
        .where(eq(offers.ownerId, ownerId));
      return rows.map((r) => r.id);
    },

    /** Every open offer not past its end date nor lapsed, as the matcher sees it. */
    async listForMatching(today: string, lapseBefore: Date): Promise<MatchableOffer[]> {
      const rows = await db
        .select()
        .from(offers)
        .where(
          and(
            isNull(offers.hiddenAt),
            eq(offers.status, 'open'),
            gte(offers.endDate, today),
            confirmedAfter(offers, lapseBefore),
          ),
        );
      return rows.map((row) => ({ ...toOffer(row), country: row.country, region: row.region }));
    },

    /**
     * Offers written at or after `since` (any status; hidden ones marked), oldest write first,
     * and the newest write time seen: how the matcher's in-memory index catches up.
     */
    async changedSince(
      since: Date,
    ): Promise<{ offers: (MatchableOffer & { hidden: boolean })[]; latest: Date | undefined }> {
      const rows = await db
        .select()
        .from(offers)
        .where(gte(offers.updatedAt, since))
        .orderBy(asc(offers.updatedAt));
      return {
        offers: rows.map((row) => ({
          ...toOffer(row),
          country: row.country,
          region: row.region,
          hidden: row.hiddenAt !== null,
        })),
        latest: rows.at(-1)?.updatedAt,
      };
    },

    /** Title, country and institution name of many offers at once (lists of pairs). */
    async summaries(ids: string[]): Promise<Map<string, OfferSummary>> {
      const found = new Map<string, OfferSummary>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .select({
            id: offers.id,
            title: offers.title,
            country: offers.country,
            institutionId: offers.institutionId,
            institutionName: institutions.name,
          })
          .from(offers)
          .innerJoin(institutions, eq(institutions.id, offers.institutionId))
          .where(inArray(offers.id, unique.slice(i, i + 500)));
        for (const row of rows) found.set(row.id, row);
      }
      return found;
    },

    /** The newest write time of any offer (undefined for an empty catalogue). */
    async latestWrite(): Promise<Date | undefined> {
      const [row] = await db
        .select({ at: offers.updatedAt })
        .from(offers)
        .orderBy(desc(offers.updatedAt))
        .limit(1);
      return row?.at;
    },

    /** One offer as the matcher sees it, whatever its status. */
    async findForMatching(id: string): Promise<MatchableOffer | undefined> {
      const [row] = await db
        .select()
        .from(offers)
        .where(and(eq(offers.id, id), isNull(offers.hiddenAt)));
      return row ? { ...toOffer(row), country: row.country, region: row.region } : undefined;
    },

    /** Rebuilds the full-text index when it is missing rows (e.g. after the demo seed). */
    async ensureSearchIndex(): Promise<number> {
      const [indexed] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(postgres ? sql`offers_search` : sql`offers_fts`);
      const [all] = await db.select({ n: count() }).from(offers);
      if ((indexed?.n ?? 0) === (all?.n ?? 0)) return 0;
      const rows = await db
        .select({ id: offers.id, title: offers.title, description: offers.description })
        .from(offers);
      await transaction(db, async (tx) => {
        await execute(tx, postgres ? sql`delete from offers_search` : sql`delete from offers_fts`);
        for (const r of rows) await writeSearchIndex(tx, r.id, r.title, r.description);
      });
      return rows.length;
    },
  };
}

export type OfferRepository = ReturnType<typeof createOfferRepository>;

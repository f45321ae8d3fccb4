// Both dialects' migrations build the same database: these run on SQLite (`db` project) and on
// PostgreSQL (`db-pg`), through the same drizzle calls. The hand-written parts — the triggers
// that keep partnerships' side columns and offers' bit sets — must behave alike.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
  type Db,
} from './client.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from './testing/database-template.ts';

const t = tablesOf(testDialect());
const template = databaseTemplate();
let copy: DatabaseCopy;
let handle: AnyDatabaseHandle;
let db: Db;

const at = new Date('2026-03-01T10:00:00.123Z');
/** Before the fixtures were written: column defaults (`now`) come after it. */
const startedAt = new Date();

beforeAll(async () => {
  copy = await template.copy();
  handle = await connectDatabase(copy.url);
  db = databaseOf(handle);
  await db
    .insert(t.institutions)
    .values([institution('inst-de', 'DE', 'europe'), institution('inst-jp', 'JP', 'asia')]);
  await db.insert(t.users).values({
    id: 'user-1',
    email: 'one@example.org',
    passwordHash: 'x',
    name: 'One',
    role: 'lecturer',
  });
  await db
    .insert(t.offers)
    .values([
      offer('offer-a', 'inst-de', 'DE', 'europe'),
      offer('offer-b', 'inst-jp', 'JP', 'asia'),
    ]);
});

afterAll(async () => {
  if (handle) await closeDatabase(handle);
  await copy?.remove();
});

function institution(id: string, country: string, region: 'asia' | 'europe') {
  return {
    id,
    name: id,
    country,
    region,
    type: 'university' as const,
    source: 'directory' as const,
    sortName: id,
    searchText: id,
  };
}

function offer(id: string, institutionId: string, country: string, region: 'asia' | 'europe') {
  return {
    id,
    institutionId,
    ownerId: 'user-1',
    title: `Offer ${id}`,
    description: 'A course',
    format: 'coil' as const,
    fields: [],
    sdgs: [],
    themes: [],
    languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B1' }],
    levels: [],
    startDate: '2026-10-01',
    endDate: '2026-12-01',
    timeZone: 'UTC',
    windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
    classSize: 20,
    seekingRegion: 'any' as const,
    openToStudents: true,
    status: 'open' as const,
    country,
    region,
    createdAt: at,
    updatedAt: at,
  };
}

async function offerRow(id: string) {
  const [row] = await db.select().from(t.offers).where(eq(t.offers.id, id));
  return row!;
}

async function partnershipRow(id: string) {
  const [row] = await db.select().from(t.partnerships).where(eq(t.partnerships.id, id));
  return row!;
}

describe(`migrations (${testDialect()})`, () => {
  it('round-trips every kind of column unchanged: times to the millisecond, booleans, JSON', async () => {
    const row = await offerRow('offer-a');
    expect(row.createdAt).toEqual(at);
    expect(row.openToStudents).toBe(true);
    expect(row.windows).toEqual([{ weekday: 2, start: '09:00', end: '11:00' }]);
    expect(row.languages).toEqual([{ code: 'en', level: 'C1', minPartnerLevel: 'B1' }]);
    expect(row.hiddenAt).toBeNull();
    const [user] = await db.select().from(t.users).where(eq(t.users.id, 'user-1'));
    expect(user!.languages).toEqual([]);
    expect(user!.createdAt).toBeInstanceOf(Date);
    // The default is the time of the insert (the server's clock: the same machine's here).
    expect(user!.createdAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
  });

  it('keeps an offer’s field and SDG bit sets from its side tables', async () => {
    await db.insert(t.offerFields).values([
      { offerId: 'offer-a', detailed: '0611', narrow: '061', broad: '06' },
      { offerId: 'offer-a', detailed: '0311', narrow: '031', broad: '03' },
    ]);
    await db.insert(t.offerSdgs).values([
      { offerId: 'offer-a', sdg: 4 },
      { offerId: 'offer-a', sdg: 17 },
    ]);
    let row = await offerRow('offer-a');
    expect(row.broadMask).toBe((1 << 6) | (1 << 3));
    expect(row.sdgMask).toBe((1 << 4) | (1 << 17));
    await db
      .delete(t.offerFields)
      .where(and(eq(t.offerFields.offerId, 'offer-a'), eq(t.offerFields.detailed, '0311')));
    await db.delete(t.offerSdgs).where(eq(t.offerSdgs.offerId, 'offer-a'));
    row = await offerRow('offer-a');
    expect(row.broadMask).toBe(1 << 6);
    expect(row.sdgMask).toBe(0);
  });

  it('copies both sides onto a new partnership and keeps them when an offer changes', async () => {
    await db.insert(t.offerSdgs).values({ offerId: 'offer-b', sdg: 13 });
    await db.insert(t.partnerships).values({
      id: 'p-1',
      offerId: 'offer-a',
      partnerOfferId: 'offer-b',
      requestedBy: 'user-1',
      status: 'pending',
    });
    let row = await partnershipRow('p-1');
    expect(row).toMatchObject({
      aRegion: 'europe',
      aCountry: 'DE',
      aFormat: 'coil',
      aInstitutionId: 'inst-de',
      aPostedAt: at,
      bRegion: 'asia',
      bCountry: 'JP',
      bInstitutionId: 'inst-jp',
      aBroadMask: 1 << 6,
      aSdgMask: 0,
      bBroadMask: 0,
      bSdgMask: 1 << 13,
    });

    await db.update(t.offers).set({ format: 'virtual_exchange' }).where(eq(t.offers.id, 'offer-b'));
    await db
      .insert(t.offerFields)
      .values({ offerId: 'offer-b', detailed: '0411', narrow: '041', broad: '04' });
    row = await partnershipRow('p-1');
    expect(row.bFormat).toBe('virtual_exchange');
    expect(row.bBroadMask).toBe(1 << 4);
  });

  it('moves offers (and their partnerships’ sides) with their institution’s country', async () => {
    const before = await offerRow('offer-b');
    await db.update(t.institutions).set({ country: 'KR' }).where(eq(t.institutions.id, 'inst-jp'));
    const after = await offerRow('offer-b');
    expect(after.country).toBe('KR');
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect((await partnershipRow('p-1')).bCountry).toBe('KR');
  });

  it('allows one running matching round at a time', async () => {
    await db.insert(t.matchingRounds).values({ id: 'round-1', status: 'running' });
    await expect(
      db.insert(t.matchingRounds).values({ id: 'round-2', status: 'running' }),
    ).rejects.toThrow();
    await db.insert(t.matchingRounds).values({ id: 'round-3', status: 'done' });
  });

  it('counts offers posted before "still open?" as confirmed at the upgrade, open ones only', async () => {
    await db.insert(t.offers).values([
      { ...offer('offer-old', 'inst-de', 'DE', 'europe'), confirmedAt: null },
      { ...offer('offer-shut', 'inst-de', 'DE', 'europe'), status: 'closed', confirmedAt: null },
      { ...offer('offer-asked', 'inst-de', 'DE', 'europe'), confirmedAt: at },
    ]);
    const file =
      handle.dialect === 'sqlite'
        ? '../migrations/0018_open_offers_confirmed.sql'
        : '../migrations-pg/0005_open_offers_confirmed.sql';
    const statement = readFileSync(new URL(file, import.meta.url), 'utf8');
    const before = Date.now();
    if (handle.dialect === 'sqlite') handle.sqlite.exec(statement);
    else await handle.pool.query(statement);

    const confirmed = (await offerRow('offer-old')).confirmedAt!.getTime();
    // The database's clock, to the second on SQLite.
    expect(confirmed).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(confirmed).toBeLessThanOrEqual(Date.now());
    expect((await offerRow('offer-shut')).confirmedAt).toBeNull();
    expect((await offerRow('offer-asked')).confirmedAt).toEqual(at);
  });

  it('opens an up-to-date database again without migrating anything, from several processes at once', async () => {
    const again = await Promise.all([connectDatabase(copy.url), connectDatabase(copy.url)]);
    for (const other of again) {
      const [row] = await databaseOf(other)
        .select()
        .from(t.offers)
        .where(eq(t.offers.id, 'offer-a'));
      expect(row?.title).toBe('Offer offer-a');
      await closeDatabase(other);
    }
  });
});

// The catalogue's count and language usage agree with reading the list itself, on SQLite and
// on PostgreSQL (the `db-pg` project).
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@twinning/core/random';
import { iscedDetailed } from '@twinning/core/vocabulary/isced';
import { formatIds, levelIds } from '@twinning/core/vocabulary/themes';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
} from '../client.ts';
import { createRepositories, type Repositories } from '../repositories.ts';
import { readDirectory } from '../seed/directory.ts';
import { setOfferStatus, insertOfferOwner } from '../testing/fixtures.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from '../testing/database-template.ts';
import type { NewOffer, OfferFilter } from './offers.ts';

const today = '2026-09-01';
const dayMs = 86_400_000;
const t = tablesOf(testDialect());
const template = databaseTemplate();
let copy: DatabaseCopy;
let database: AnyDatabaseHandle;
let repositories: Repositories;
let batch: NewOffer[];

beforeAll(async () => {
  copy = await template.copy();
  database = await connectDatabase(copy.url);
  const db = databaseOf(database);
  repositories = createRepositories(db);
  const random = createRandom('offer-count');
  const institutions = readDirectory().slice(0, 30);
  await repositories.institutions.createMany(institutions);
  await insertOfferOwner(db);
  batch = Array.from({ length: 400 }, (_, i) => {
    const institution = random.pick(institutions);
    const start = Date.parse('2026-06-01') + random.int(0, 300) * dayMs;
    return {
      id: `o${i}`,
      institutionId: institution.id,
      ownerId: 'owner',
      country: institution.country,
      region: institution.region,
      title: random.chance(0.3) ? `Renewable energy lab ${i}` : `Course ${i}`,
      description: 'A course with a partner class.',
      format: random.pick(formatIds),
      fields: random.sample(iscedDetailed.slice(0, 20), random.int(1, 2)).map((f) => f.code),
      sdgs: random.sample([4, 7, 13], random.int(0, 2)).sort((x, y) => x - y),
      themes: random.sample(['skills', 'digitalisation', 'recognition'], random.int(0, 2)),
      languages: random
        .sample(['en', 'ja', 'de', 'th'], random.int(1, 2))
        .map((code) => ({ code, level: 'C1' as const, minPartnerLevel: 'B2' as const })),
      levels: random.sample(levelIds, random.int(1, 2)),
      startDate: new Date(start).toISOString().slice(0, 10),
      endDate: new Date(start + random.int(30, 120) * dayMs).toISOString().slice(0, 10),
      timeZone: 'UTC',
      windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
      classSize: 20,
      seekingRegion: 'any',
      openToStudents: random.chance(0.5),
      createdAt: new Date(Date.parse('2026-01-01') + i * 3_600_000),
    };
  });
  await repositories.offers.createMany(batch);
  const hidden: string[] = [];
  const closed: string[] = [];
  for (const o of batch) {
    if (random.chance(0.05)) hidden.push(o.id);
    if (random.chance(0.1)) closed.push(o.id);
  }
  await db
    .update(t.offers)
    .set({ hiddenAt: new Date(1000) })
    .where(inArray(t.offers.id, hidden));
  await setOfferStatus(db, closed, 'closed');
});

afterAll(async () => {
  if (database) await closeDatabase(database);
  await copy?.remove();
});

/** Every offer the search lists, page after page: what the count must agree with. */
async function listAll(filter: Omit<OfferFilter, 'limit' | 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await repositories.offers.search({ ...filter, limit: 50, cursor });
    ids.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('offer count', () => {
  const filters: Omit<OfferFilter, 'limit' | 'cursor'>[] = [
    { status: 'open', today },
    { status: 'all', today },
    { status: 'open', today, language: 'ja' },
    { status: 'open', today, region: 'asia', level: 'master' },
    { status: 'open', today, sdg: 13, openToStudents: true },
    { status: 'open', today, theme: 'recognition', format: 'coil' },
    { status: 'open', today, field: iscedDetailed[0]!.broad },
    { status: 'open', today, from: '2027-01-01', to: '2027-02-01' },
    { status: 'open', today, q: 'renewable energy' },
    { status: 'all', today, q: 'renewable', language: 'de' },
    { status: 'open', today, q: 'nothingmatchesthis' },
  ];

  it('counts what the list finds over all its pages, for every kind of filter', async () => {
    for (const filter of filters) {
      const listed = await listAll(filter);
      expect(await repositories.offers.count(filter, 10_000), JSON.stringify(filter)).toEqual({
        count: listed.length,
        capped: false,
      });
    }
  });

  it('stops at the cap and says so', async () => {
    const all = await listAll({ status: 'all', today });
    expect(all.length).toBeGreaterThan(100);
    expect(await repositories.offers.count({ status: 'all', today }, 100)).toEqual({
      count: 100,
      capped: true,
    });
    expect(await repositories.offers.count({ status: 'all', today }, all.length)).toEqual({
      count: all.length,
      capped: false,
    });
  });
});

describe('language usage', () => {
  it('counts the listed offers per language, most used first', async () => {
    for (const openToStudents of [undefined, true]) {
      const listed = new Set(await listAll({ status: 'open', today, openToStudents }));
      const expected = new Map<string, number>();
      for (const o of batch) {
        if (!listed.has(o.id)) continue;
        for (const l of o.languages) expected.set(l.code, (expected.get(l.code) ?? 0) + 1);
      }
      const usage = await repositories.offers.languageUsage({ today, openToStudents });
      expect(new Map(usage.map((u) => [u.code, u.offers]))).toEqual(expected);
      const counts = usage.map((u) => u.offers);
      expect(counts).toEqual([...counts].sort((x, y) => y - x));
    }
  });
});

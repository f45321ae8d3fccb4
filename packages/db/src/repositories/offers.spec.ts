// The catalogue's count and language usage agree with reading the list itself, and the
// migration that merged ASEM themes and language aliases rewrites stored offers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@twinning/core/random';
import { iscedDetailed } from '@twinning/core/vocabulary/isced';
import { formatIds, levelIds } from '@twinning/core/vocabulary/themes';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { createRepositories, type Repositories } from '../repositories.ts';
import { offerLanguages, offerThemes, users } from '../schema.ts';
import { readDirectory } from '../seed/directory.ts';
import type { NewOffer, OfferFilter } from './offers.ts';

const today = '2026-09-01';
const dayMs = 86_400_000;
let database: DatabaseHandle;
let repositories: Repositories;
let batch: NewOffer[];

beforeAll(async () => {
  database = openDatabase(':memory:');
  repositories = createRepositories(database.db);
  const random = createRandom('offer-count');
  const institutions = readDirectory().slice(0, 30);
  await repositories.institutions.createMany(institutions);
  database.db
    .insert(users)
    .values({ id: 'owner', email: 'o@example.org', passwordHash: 'x', name: 'O', role: 'lecturer' })
    .run();
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
  const hide = database.sqlite.prepare('update offers set hidden_at = 1 where id = ?');
  const close = database.sqlite.prepare("update offers set status = 'closed' where id = ?");
  for (const o of batch) {
    if (random.chance(0.05)) hide.run(o.id);
    if (random.chance(0.1)) close.run(o.id);
  }
});

afterAll(() => database.close());

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

describe('migration 0014: merged themes and language aliases', () => {
  it('rewrites stored old ids to the kept ones, each once, keeping their order', async () => {
    const fresh = openDatabase(':memory:');
    try {
      const repos = createRepositories(fresh.db);
      await repos.institutions.createMany(readDirectory().slice(0, 1));
      fresh.db
        .insert(users)
        .values({ id: 'u', email: 'u@example.org', passwordHash: 'x', name: 'U', role: 'lecturer' })
        .run();
      const [institution] = readDirectory().slice(0, 1);
      const base = { ...batch[0]!, institutionId: institution!.id, ownerId: 'u' };
      // Stored as before the merge: the repository writes what it is given.
      await repos.offers.createMany([
        {
          ...base,
          id: 'old',
          themes: [
            'skills',
            'quality_assurance_recognition',
            'recognition',
            'lifelong_learning_tvet',
          ],
          languages: [
            { code: 'en', level: 'C1', minPartnerLevel: 'B2' },
            { code: 'tw', level: 'native', minPartnerLevel: 'B1' },
          ],
        },
        {
          ...base,
          id: 'both',
          themes: ['digitalisation'],
          languages: [
            { code: 'tw', level: 'native', minPartnerLevel: 'B1' },
            { code: 'ak', level: 'C1', minPartnerLevel: 'B2' },
          ],
        },
        { ...base, id: 'untouched', themes: ['skills'] },
      ]);
      const sql = readFileSync(
        new URL('../../migrations/0014_theme_and_language_aliases.sql', import.meta.url),
        'utf8',
      );
      for (const statement of sql.split('--> statement-breakpoint')) fresh.sqlite.exec(statement);

      const stored = async (id: string) => (await repos.offers.findById(id))!;
      expect((await stored('old')).themes).toEqual(['skills', 'recognition', 'lifelong_learning']);
      expect((await stored('old')).languages).toEqual([
        { code: 'en', level: 'C1', minPartnerLevel: 'B2' },
        { code: 'ak', level: 'native', minPartnerLevel: 'B1' },
      ]);
      expect((await stored('both')).languages).toEqual([
        { code: 'ak', level: 'C1', minPartnerLevel: 'B2' },
      ]);
      expect((await stored('untouched')).themes).toEqual(['skills']);
      const themeRows = fresh.db.select().from(offerThemes).all();
      expect(
        themeRows
          .filter((r) => r.offerId === 'old')
          .map((r) => r.theme)
          .sort(),
      ).toEqual(['lifelong_learning', 'recognition', 'skills']);
      const languageRows = fresh.db.select().from(offerLanguages).all();
      expect(languageRows.filter((r) => r.code === 'tw')).toEqual([]);
      expect(languageRows.find((r) => r.offerId === 'both')).toMatchObject({
        code: 'ak',
        level: 'C1',
      });
      // The filters find them under the kept ids.
      const found = await repos.offers.search({
        status: 'all',
        today,
        theme: 'recognition',
        limit: 10,
      });
      expect(found.items.map((o) => o.id)).toEqual(['old']);
    } finally {
      fresh.close();
    }
  });
});

// Full-text search over offers on both dialects (`db` and `db-pg`): SQLite's FTS5 and
// PostgreSQL's tsvector must find the same offers in the same order — ranked, the title
// weighing more than the description, Chinese, Japanese and Thai split into words, Latin
// diacritics ignored, the last word a prefix, pages that neither repeat nor skip.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
} from '../client.ts';
import { createRepositories, type Repositories } from '../repositories.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from '../testing/database-template.ts';
import type { NewOffer, OfferFilter } from './offers.ts';
import { insertOfferOwner } from '../testing/fixtures.ts';

const today = '2026-09-01';
const t = tablesOf(testDialect());
const template = databaseTemplate();
let copy: DatabaseCopy;
let handle: AnyDatabaseHandle;
let repositories: Repositories;

function offer(id: string, title: string, description: string, hour: number): NewOffer {
  return {
    id,
    institutionId: 'inst',
    ownerId: 'owner',
    country: 'DE',
    region: 'europe',
    title,
    description,
    format: 'coil',
    fields: ['0611'],
    sdgs: [],
    themes: [],
    languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
    levels: ['bachelor'],
    startDate: '2026-10-01',
    endDate: '2026-12-01',
    timeZone: 'UTC',
    windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
    classSize: 20,
    seekingRegion: 'any',
    openToStudents: true,
    createdAt: new Date(Date.UTC(2026, 0, 1, hour)),
  };
}

beforeAll(async () => {
  copy = await template.copy();
  handle = await connectDatabase(copy.url);
  const db = databaseOf(handle);
  repositories = createRepositories(db);
  await repositories.institutions.createMany([
    {
      id: 'inst',
      name: 'Universität Zürich',
      country: 'DE',
      region: 'europe',
      city: null,
      website: null,
      domains: ['uzh.example'],
      type: 'university',
      verified: true,
      source: 'directory',
      createdBy: null,
    },
  ]);
  await insertOfferOwner(db);
  await repositories.offers.createMany([
    offer('title-match', 'Renewable energy lab', 'Students measure a solar roof together.', 1),
    offer('description-match', 'Engineering project', 'A lab on renewable energy systems.', 2),
    offer('zh', '可持续发展与城市规划', '两国学生共同研究城市交通。', 3),
    offer('ja', '再生可能エネルギーの共同研究', '日本とドイツの学生が協力します。', 4),
    offer('th', 'การพัฒนาที่ยั่งยืนในเมือง', 'นักศึกษาไทยและยุโรปทำงานร่วมกัน', 5),
    offer('diacritics', 'Café culture and Zürich', 'Über Städte und ihre Plätze.', 6),
    ...Array.from({ length: 7 }, (_, i) =>
      offer(`many-${i}`, `Climate course ${i}`, 'climate '.repeat(1 + (i % 3)), 10 + i),
    ),
  ]);
});

afterAll(async () => {
  if (handle) await closeDatabase(handle);
  await copy?.remove();
});

async function ids(q: string, limit = 20, cursor?: string) {
  return repositories.offers.search({ status: 'open', today, q, limit, cursor } as OfferFilter);
}

describe(`offer search (${testDialect()})`, () => {
  it('ranks an offer whose title matches above one whose description does', async () => {
    const page = await ids('renewable energy');
    expect(page.items.map((o) => o.id)).toEqual(['title-match', 'description-match']);
  });

  it('finds Chinese, Japanese and Thai offers by a word inside a sentence', async () => {
    expect((await ids('城市')).items.map((o) => o.id)).toEqual(['zh']);
    expect((await ids('エネルギー')).items.map((o) => o.id)).toEqual(['ja']);
    expect((await ids('ยั่งยืน')).items.map((o) => o.id)).toEqual(['th']);
  });

  it('ignores Latin diacritics and reads the last word as a prefix', async () => {
    expect((await ids('zurich')).items.map((o) => o.id)).toEqual(['diacritics']);
    expect((await ids('cafe')).items.map((o) => o.id)).toEqual(['diacritics']);
    expect((await ids('renew')).items.map((o) => o.id)).toEqual([
      'title-match',
      'description-match',
    ]);
    expect((await ids('nothingmatchesthis')).items).toEqual([]);
  });

  it('pages through ranked results without repeating or skipping one', async () => {
    const all = (await ids('climate', 50)).items.map((o) => o.id);
    expect(all).toHaveLength(7);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ids('climate', 3, cursor);
      paged.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(await repositories.offers.count({ status: 'open', today, q: 'climate' }, 100)).toEqual({
      count: 7,
      capped: false,
    });
  });

  it('follows an edited offer and forgets a closed one only in open searches', async () => {
    const edited = offer('ja', 'Robotics exchange', 'Robots built in two countries.', 4);
    await repositories.offers.update('ja', edited, new Date(Date.UTC(2026, 1, 1)));
    expect((await ids('エネルギー')).items).toEqual([]);
    expect((await ids('robotics')).items.map((o) => o.id)).toEqual(['ja']);
    const db = databaseOf(handle);
    const [row] = await db.select().from(t.offers).where(eq(t.offers.id, 'ja'));
    expect(row?.title).toBe('Robotics exchange');
  });
});

// SQLite's data migration 0014 (merged ASEM themes and language aliases) rewrites offers stored
// before it. SQLite only: PostgreSQL's migrations begin after it, with the merged ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../client.ts';
import { createRepositories } from '../repositories.ts';
import { offerLanguages, offerThemes, users } from '../schema.ts';
import { readDirectory } from '../seed/directory.ts';
import type { NewOffer } from './offers.ts';

const today = '2026-09-01';

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
      const base: NewOffer = {
        id: 'base',
        institutionId: institution!.id,
        ownerId: 'u',
        country: institution!.country,
        region: institution!.region,
        title: 'Course',
        description: 'A course with a partner class.',
        format: 'coil',
        fields: ['0613'],
        sdgs: [4],
        themes: [],
        languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
        levels: ['bachelor'],
        startDate: '2026-10-05',
        endDate: '2026-12-18',
        timeZone: 'UTC',
        windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
        classSize: 20,
        seekingRegion: 'any',
        openToStudents: true,
        createdAt: new Date('2026-01-01'),
      };
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

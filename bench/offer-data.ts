// The bench's generated offers: the real directory and `total` deterministic offers in a SQLite
// file, built once and kept in the temp folder while the migrations and this generator are
// unchanged. Every benchmark that reads offers starts from this file (on PostgreSQL too: see
// postgres.ts), so both dialects hold the same data.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@twinning/core/random';
import { countries } from '@twinning/core/vocabulary/countries';
import { iscedDetailed } from '@twinning/core/vocabulary/isced';
import { formatIds, levelIds, themes } from '@twinning/core/vocabulary/themes';
import { openDatabase } from '@twinning/db/client';
import { createRepositories } from '@twinning/db/repositories';
import type { NewOffer } from '@twinning/db/repositories/offers';
import { readDirectory } from '@twinning/db/seed/directory';
import { users } from '@twinning/db/schema';

const topics = [
  'machine learning',
  'public health',
  'supply chains',
  'climate adaptation',
  'urban design',
  'software engineering',
  'intercultural communication',
  'renewable energy',
  'water management',
  'digital marketing',
  'tourism',
  'food security',
  'robotics',
  'journalism',
  'human rights law',
];
const generatedAt = Date.parse('2026-09-01T00:00:00Z');
const angles = [
  'in Asia and Europe',
  'across time zones',
  'for beginners',
  'case studies',
  'project lab',
];

/** A database of `total` generated offers over the real directory (deterministic). */
export async function buildOfferDatabase(file: string, total: number) {
  const database = openDatabase(file);
  const repositories = createRepositories(database.db);
  const directory = readDirectory();
  await repositories.institutions.createMany(directory);
  database.db
    .insert(users)
    .values({
      id: 'bench-owner',
      email: 'bench@example.org',
      passwordHash: 'x',
      name: 'Bench',
      role: 'lecturer',
    })
    .run();

  const random = createRandom('offer-search-bench');
  const started = performance.now();
  const now = generatedAt;
  for (let done = 0; done < total; done += 10_000) {
    const batch: NewOffer[] = [];
    for (let i = done; i < Math.min(total, done + 10_000); i++) {
      const institution = random.pick(directory);
      const topic = random.pick(topics);
      const start = new Date(now + random.int(-60, 300) * 86_400_000);
      const end = new Date(start.getTime() + random.int(42, 112) * 86_400_000);
      const country = countries.find((c) => c.code === institution.country)!;
      batch.push({
        id: `offer-${i}`,
        institutionId: institution.id,
        ownerId: 'bench-owner',
        country: institution.country,
        region: institution.region,
        title: `${topic[0]!.toUpperCase()}${topic.slice(1)} ${random.pick(angles)} ${i}`,
        description: `Students explore ${topic} together with a partner class; weekly live sessions and a joint project on ${random.pick(topics)}.`,
        format: random.pick(formatIds),
        fields: random.sample(iscedDetailed, random.int(1, 3)).map((f) => f.code),
        sdgs: random
          .sample(
            [...Array(17).keys()].map((n) => n + 1),
            random.int(0, 3),
          )
          .sort((a, b) => a - b),
        themes: random.sample(themes, random.int(0, 2)).map((t) => t.id),
        languages: [
          {
            code: random.chance(0.8) ? 'en' : random.pick(country.languages),
            level: 'C1',
            minPartnerLevel: 'B2',
          },
        ],
        levels: random.sample(levelIds, random.int(1, 2)),
        startDate: start.toISOString().slice(0, 10),
        endDate: end.toISOString().slice(0, 10),
        timeZone: country.timeZones[0]!,
        windows: [{ weekday: random.int(1, 5), start: '09:00', end: '11:00' }],
        classSize: random.int(10, 120),
        seekingRegion: institution.region === 'asia' ? 'europe' : 'asia',
        openToStudents: random.chance(0.5),
        createdAt: new Date(now - random.int(0, 365 * 86_400) * 1000),
      });
      // Owners confirm their open offers (core/offers/still-open.ts): none has left the lists.
      const posted = batch.at(-1)!;
      posted.confirmedAt = new Date(Math.max(posted.createdAt.getTime(), now - 30 * 86_400_000));
    }
    await repositories.offers.createMany(batch);
  }
  database.analyze();
  console.log(
    `\nLoaded ${total} offers with side tables and full-text index in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { database, repositories, now };
}

/**
 * The generated data set takes a minute or more to build, so it is kept in the temp folder and
 * reused while the migrations and the generator are unchanged (the key hashes both).
 */
function cachedDataSetFile(total: number): string {
  const folder = new URL('../packages/db/migrations/', import.meta.url);
  // The migrations' text, not only their names: a migration rewritten before it landed counts.
  const migrations = readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => `${name}\n${readFileSync(new URL(name, folder), 'utf8')}`);
  const generator = readFileSync(new URL(import.meta.url), 'utf8');
  const key = createHash('sha256')
    .update(`${total}\n${migrations.join('\n')}\n${generator}`)
    .digest('hex');
  return join(tmpdir(), `twinning-bench-offers-${key.slice(0, 16)}.db`);
}

/** The cached data set's file, built first when missing (the key names the generator). */
export async function offerDataSet(total: number): Promise<string> {
  const file = cachedDataSetFile(total);
  if (existsSync(file)) {
    console.log(`\nReusing the generated data set of ${total} offers in ${file}`);
    return file;
  }
  const building = `${file}.building`;
  rmSync(building, { force: true });
  const loaded = await buildOfferDatabase(building, total);
  loaded.database.close();
  renameSync(building, file);
  return file;
}

export const offerDataSetTime = generatedAt;

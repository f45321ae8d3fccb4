// Generated offers for the matching benchmarks and property tests: plausible COIL offers from all
// 51 ASEM countries (their capitals' time zones, English mostly, sometimes a local language),
// spread over a year of terms, topics drawn from a shared list so texts overlap as real ones do.
// Deterministic for a seed.
import { createRandom } from '../random.ts';
import { countries, type Region } from '../vocabulary/countries.ts';
import { iscedDetailed } from '../vocabulary/isced.ts';
import { cefrLevels, formatIds, levelIds, themes } from '../vocabulary/themes.ts';
import type { MatchOffer } from './offer-for-matching.ts';

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
  'sustainable tourism',
  'food security',
  'robotics',
  'data journalism',
  'human rights law',
  'circular economy',
  'museum studies',
  'nursing practice',
];
const angles = [
  'in Asia and Europe',
  'across time zones',
  'case studies',
  'project lab',
  'in practice',
];
const windowStarts = ['08:00', '09:00', '10:00', '13:00', '14:00', '15:00', '16:00', '17:00'];

export interface SyntheticOptions {
  /** First day terms may start (terms start within a year of it). */
  from?: string;
  /** Share of offers with a status other than open. */
  closedShare?: number;
  /** Only offers from this region's countries (default: all 51). */
  region?: Region;
  /** Prefix of the ids (`syn-` by default), to mix several generated sets. */
  idPrefix?: string;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function syntheticOffers(
  count: number,
  seed: string,
  { from = '2027-01-01', closedShare = 0, region, idPrefix = 'syn-' }: SyntheticOptions = {},
): MatchOffer[] {
  const random = createRandom(seed);
  const pool = region ? countries.filter((c) => c.region === region) : countries;
  const offers: MatchOffer[] = [];
  for (let i = 0; i < count; i++) {
    const country = random.pick(pool);
    const topic = random.pick(topics);
    const start = addDays(from, random.int(0, 330));
    const hour = random.pick(windowStarts);
    const windows = [
      {
        weekday: random.int(1, 5),
        start: hour,
        end: `${Number(hour.slice(0, 2)) + 2}:00`.padStart(5, '0'),
      },
    ];
    if (random.chance(0.3)) {
      const other = random.int(1, 5);
      if (other !== windows[0]!.weekday)
        windows.push({ weekday: other, start: '10:00', end: '11:30' });
    }
    const level = random.pick(cefrLevels.slice(3));
    const local = random.pick(country.languages);
    offers.push({
      id: `${idPrefix}${i}`,
      institutionId: `inst-${country.code}-${random.int(1, 40)}`,
      country: country.code,
      region: country.region,
      status: random.chance(closedShare) ? 'matched' : 'open',
      title: `${topic[0]!.toUpperCase()}${topic.slice(1)} ${random.pick(angles)}`,
      description: `Students explore ${topic} with a partner class abroad: weekly live sessions, mixed teams and a joint project on ${random.pick(topics)}.`,
      format: random.weighted([
        [formatIds[0], 5],
        [formatIds[1], 3],
        [formatIds[2], 1],
        [formatIds[3], 1],
      ] as const),
      fields: random.sample(iscedDetailed, random.int(1, 2)).map((f) => f.code),
      sdgs: random.sample(
        Array.from({ length: 17 }, (_, n) => n + 1),
        random.int(0, 3),
      ),
      themes: random.sample(themes, random.int(0, 2)).map((t) => t.id),
      languages:
        random.chance(0.85) || local === 'en'
          ? [{ code: 'en', level, minPartnerLevel: random.pick(['B1', 'B2'] as const) }]
          : [
              { code: local, level: 'native', minPartnerLevel: 'B2' },
              { code: 'en', level, minPartnerLevel: 'B2' },
            ],
      levels: random.sample(levelIds, random.int(1, 2)),
      startDate: start,
      endDate: addDays(start, random.int(42, 120)),
      timeZone: country.timeZones[0]!,
      windows,
      classSize: random.int(10, 80),
      seekingRegion: random.chance(0.05) ? 'any' : country.region === 'asia' ? 'europe' : 'asia',
      openToStudents: random.chance(0.5),
    });
  }
  return offers;
}

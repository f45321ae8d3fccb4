// The statistics aggregates (grouped passes folded per key, group_concat'ed days, the side
// columns copied onto partnerships) checked against the plainest reading of their definition:
// every offer and partnership read back row by row and counted here, for every dimension,
// region and period, on a random data set with hidden offers, shared keys and every status.
// On SQLite and on PostgreSQL (the `db-pg` project): the data set is written through drizzle
// and SQL both dialects read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakdownDimensions } from '@twinning/contracts/stats';
import { createRandom } from '@twinning/core/random';
import { median } from '@twinning/core/statistics/median';
import { iscedDetailed } from '@twinning/core/vocabulary/isced';
import { formatIds, levelIds, themes } from '@twinning/core/vocabulary/themes';
import { eq, sql } from 'drizzle-orm';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  type AnyDatabaseHandle,
  type Db,
} from '../client.ts';
import { execute, tablesFor } from '../dialect.ts';
import { createRepositories, type Repositories } from '../repositories.ts';
import { databaseTemplate, type DatabaseCopy } from '../testing/database-template.ts';
import { readDirectory } from '../seed/directory.ts';
import type { NewOffer } from './offers.ts';
import { emptyFigures, type Dimension, type KeyFigures, type StatsFilter } from './statistics.ts';
import { insertOfferOwner } from '../testing/fixtures.ts';

const dayMs = 86_400_000;
const today = '2026-09-01';
const base = Date.parse('2026-01-01T00:00:00Z');

const template = databaseTemplate();
let copy: DatabaseCopy;
let database: AnyDatabaseHandle;
let db: Db;
let repositories: Repositories;

interface OfferRow {
  id: string;
  country: string;
  region: string;
  format: string;
  institutionId: string;
  createdAt: number;
  status: string;
  endDate: string;
  hidden: boolean;
  fields: string[];
  sdgs: number[];
  themes: string[];
}
interface PartnershipRow {
  id: string;
  a: string;
  b: string;
  status: string;
  createdAt: number;
  decidedAt: number | null;
  studentsA: number | null;
  studentsB: number | null;
}
let offers: Map<string, OfferRow>;
let movedInstitution: { id: string; country: string };
let partnerships: PartnershipRow[];

beforeAll(async () => {
  copy = await template.copy();
  database = await connectDatabase(copy.url);
  db = databaseOf(database);
  const t = tablesFor(db);
  repositories = createRepositories(db);
  const random = createRandom('statistics-reference');
  const directory = readDirectory();
  // A few institutions per region, so countries and institutions repeat.
  const institutions = [
    ...directory.filter((i) => i.region === 'asia').slice(0, 12),
    ...directory.filter((i) => i.region === 'europe').slice(0, 12),
  ];
  await repositories.institutions.createMany(institutions);
  await insertOfferOwner(db);
  const batch: NewOffer[] = [];
  for (let i = 0; i < 300; i++) {
    const institution = random.pick(institutions);
    const start = new Date(base + random.int(0, 300) * dayMs);
    batch.push({
      id: `o${i}`,
      institutionId: institution.id,
      ownerId: 'owner',
      country: institution.country,
      region: institution.region,
      title: `Offer ${i}`,
      description: 'A course with a partner class.',
      format: random.pick(formatIds),
      // Few fields, so partnerships often share one (counted once for it).
      fields: random.sample(iscedDetailed.slice(0, 40), random.int(1, 3)).map((f) => f.code),
      sdgs: random.sample([1, 4, 9, 13], random.int(0, 2)).sort((x, y) => x - y),
      themes: random.sample(themes.slice(0, 4), random.int(0, 2)).map((t) => t.id),
      languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
      levels: random.sample(levelIds, 1),
      startDate: start.toISOString().slice(0, 10),
      endDate: new Date(start.getTime() + random.int(42, 112) * dayMs).toISOString().slice(0, 10),
      timeZone: 'UTC',
      windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
      classSize: 20,
      seekingRegion: institution.region === 'asia' ? 'europe' : 'asia',
      openToStudents: true,
      createdAt: new Date(base + random.int(0, 200) * dayMs + random.int(0, dayMs)),
    });
  }
  await repositories.offers.createMany(batch);
  for (const o of batch) {
    if (random.chance(0.3)) {
      const status = random.pick(['matched', 'closed']);
      await execute(db, sql`update offers set status = ${status} where id = ${o.id}`);
    }
    if (random.chance(0.08)) {
      await db
        .update(t.offers)
        .set({ hiddenAt: new Date(1) })
        .where(eq(t.offers.id, o.id));
    }
  }
  for (let i = 0; i < 500; i++) {
    // Mostly Asia × Europe, some within one region (both sides then share country or region).
    const a = random.pick(batch);
    const b = random.pick(
      batch.filter((o) => o.id !== a.id && (random.chance(0.85) ? o.region !== a.region : true)),
    );
    const status = random.pick([
      'pending',
      'accepted',
      'declined',
      'withdrawn',
      'completed',
    ] as const);
    const created =
      Math.max(a.createdAt.getTime(), b.createdAt.getTime()) + random.int(0, 90) * dayMs;
    const decided =
      status === 'pending' || status === 'withdrawn'
        ? null
        : created + random.int(0, 40) * dayMs + random.int(0, dayMs);
    const done = status === 'completed';
    await db
      .insert(t.partnerships)
      .values({
        id: `p${i}`,
        offerId: a.id,
        partnerOfferId: b.id,
        requestedBy: 'owner',
        status,
        createdAt: new Date(created),
        decidedAt: decided === null ? null : new Date(decided),
        studentsA: done ? random.int(5, 40) : null,
        studentsB: done && random.chance(0.9) ? random.int(5, 40) : null,
      })
      .onConflictDoNothing();
  }
  // Offers edited after they were requested: their partnerships' copies follow — a new
  // format, and fields and SDGs taken away or added (the side tables, as an edit rewrites them).
  for (const o of batch) {
    if (random.chance(0.1)) {
      const format = formatIds.find((f) => f !== o.format) ?? o.format;
      await execute(db, sql`update offers set format = ${format} where id = ${o.id}`);
    }
    if (random.chance(0.1) && o.fields.length > 1) {
      await execute(
        db,
        sql`delete from offer_fields where offer_id = ${o.id}
              and detailed = (select min(detailed) from offer_fields where offer_id = ${o.id})`,
      );
    }
    if (random.chance(0.1)) await execute(db, sql`delete from offer_sdgs where offer_id = ${o.id}`);
    if (random.chance(0.1)) {
      const sdg = random.pick([1, 4, 9, 13]);
      await execute(
        db,
        sql`insert into offer_sdgs (offer_id, sdg) values (${o.id}, ${sdg}) on conflict do nothing`,
      );
    }
  }
  // An admin corrects an institution's country: its offers and their partnerships follow.
  const moved = institutions.find((i) => i.region === 'asia')!;
  const target = directory.find((i) => i.region === 'asia' && i.country !== moved.country)!;
  await repositories.institutions.update(moved.id, {
    ...moved,
    country: target.country,
    region: target.region,
  });
  movedInstitution = { id: moved.id, country: target.country };
  await execute(db, sql`analyze`);

  // Read back the plain way, the offers with their side tables.
  offers = new Map();
  const offerRows = await db
    .select({
      id: t.offers.id,
      country: t.offers.country,
      region: t.offers.region,
      format: t.offers.format,
      institutionId: t.offers.institutionId,
      createdAt: t.offers.createdAt,
      status: t.offers.status,
      endDate: t.offers.endDate,
      hiddenAt: t.offers.hiddenAt,
    })
    .from(t.offers);
  for (const { hiddenAt, createdAt, ...o } of offerRows) {
    offers.set(o.id, {
      ...o,
      createdAt: createdAt.getTime(),
      hidden: hiddenAt !== null,
      fields: [],
      sdgs: [],
      themes: [],
    });
  }
  const fieldRows = await db
    .select({ id: t.offerFields.offerId, detailed: t.offerFields.detailed })
    .from(t.offerFields);
  for (const r of fieldRows) offers.get(r.id)!.fields.push(r.detailed);
  const sdgRows = await db
    .select({ id: t.offerSdgs.offerId, sdg: t.offerSdgs.sdg })
    .from(t.offerSdgs);
  for (const r of sdgRows) offers.get(r.id)!.sdgs.push(r.sdg);
  const themeRows = await db
    .select({ id: t.offerThemes.offerId, theme: t.offerThemes.theme })
    .from(t.offerThemes);
  for (const r of themeRows) offers.get(r.id)!.themes.push(r.theme);
  partnerships = (
    await db
      .select({
        id: t.partnerships.id,
        a: t.partnerships.offerId,
        b: t.partnerships.partnerOfferId,
        status: t.partnerships.status,
        createdAt: t.partnerships.createdAt,
        decidedAt: t.partnerships.decidedAt,
        studentsA: t.partnerships.studentsA,
        studentsB: t.partnerships.studentsB,
      })
      .from(t.partnerships)
  ).map((p) => ({
    ...p,
    createdAt: p.createdAt.getTime(),
    decidedAt: p.decidedAt?.getTime() ?? null,
  }));
});

afterAll(async () => {
  if (database) await closeDatabase(database);
  await copy?.remove();
});

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const inPeriod = (ms: number, f: StatsFilter) =>
  (!f.from || ms >= Date.parse(`${f.from}T00:00:00Z`)) &&
  (!f.to || ms < Date.parse(`${f.to}T00:00:00Z`) + dayMs);
const agreed = (p: PartnershipRow) => p.status === 'accepted' || p.status === 'completed';

/** The keys of an offer for `by` (a partnership's own for month and region pair). */
function keysOf(by: Dimension | 'total', o: OfferRow, p?: PartnershipRow, broad?: string) {
  switch (by) {
    case 'total':
      return ['total'];
    case 'country':
      return [o.country];
    case 'format':
      return [o.format];
    case 'field':
      return [
        ...new Set(
          o.fields
            .filter((d) => !broad || d.startsWith(broad))
            .map((d) => (broad ? d.slice(0, 3) : d.slice(0, 2))),
        ),
      ];
    case 'sdg':
      return o.sdgs.map(String);
    case 'theme':
      return o.themes;
    case 'month':
      return [monthOf(p ? p.createdAt : o.createdAt)];
    case 'regionPair':
      return p
        ? [`${offers.get(p.a)!.region}→${offers.get(p.b)!.region}`]
        : [`${o.region}→${o.region === 'asia' ? 'europe' : 'asia'}`];
  }
}

/** Every figure per key, counted the plain way from the rows. */
function reference(by: Dimension | 'total', filter: StatsFilter, broad?: string) {
  const table = new Map<string, KeyFigures>();
  const row = (key: string) => {
    let r = table.get(key);
    if (!r) table.set(key, (r = emptyFigures(key)));
    return r;
  };
  for (const o of offers.values()) {
    if (o.hidden || (filter.region && o.region !== filter.region)) continue;
    if (!inPeriod(o.createdAt, filter)) continue;
    // An offer's region pair: its own region and the one it seeks (the other, here).
    for (const key of keysOf(by, o, undefined, broad)) {
      const r = row(key);
      r.offers++;
      if (o.status === 'open' && o.endDate >= today) r.openOffers++;
    }
  }
  for (const p of partnerships) {
    if (!inPeriod(p.createdAt, filter)) continue;
    const sides = [
      { offer: offers.get(p.a)!, students: p.studentsA },
      { offer: offers.get(p.b)!, students: p.studentsB },
    ].filter((s) => !filter.region || s.offer.region === filter.region);
    const keys = new Set(sides.flatMap((s) => keysOf(by, s.offer, p, broad)));
    for (const key of keys) {
      const r = row(key);
      r.requests++;
      if (agreed(p)) r.accepted++;
      if (p.status === 'completed') r.completed++;
      if (p.status === 'declined') r.declined++;
      if (agreed(p) && p.decidedAt !== null)
        r.daysToMatch.push((p.decidedAt - offers.get(p.a)!.createdAt) / dayMs);
    }
    if (p.status !== 'completed') continue;
    for (const s of sides) {
      for (const key of keysOf(by, s.offer, p, broad)) {
        if (s.offer.region === 'asia') row(key).studentsAsia += s.students ?? 0;
        else row(key).studentsEurope += s.students ?? 0;
      }
    }
  }
  return table;
}

/** A row with its days sorted and rounded, to compare as values. */
function comparable(r: KeyFigures) {
  return {
    ...r,
    daysToMatch: [...r.daysToMatch].sort((x, y) => x - y).map((d) => Math.round(d * 1e6) / 1e6),
  };
}

const filters: StatsFilter[] = [
  {},
  { region: 'asia' },
  { region: 'europe' },
  { from: '2026-03-01', to: '2026-06-30' },
  { from: '2026-04-15', region: 'europe' },
];
const dimensions: readonly Dimension[] = breakdownDimensions;

it("an institution's new country reaches its offers", () => {
  const of = [...offers.values()].filter((o) => o.institutionId === movedInstitution.id);
  expect(of.length).toBeGreaterThan(0);
  for (const o of of) expect(o.country).toBe(movedInstitution.country);
});

describe('statistics.table', () => {
  for (const filter of filters) {
    for (const by of dimensions) {
      it(`by ${by} ${JSON.stringify(filter)}: every figure as counted row by row`, async () => {
        const { rows, total } = await repositories.statistics.table(by, filter, today);
        const expected = reference(by, filter);
        const byKey = new Map(rows.map((r) => [r.key, comparable(r)]));
        expect([...byKey.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, want] of expected) expect(byKey.get(key), key).toEqual(comparable(want));
        const whole = comparable(reference('total', filter).get('total')!);
        expect(comparable(total)).toEqual(whole);
      });
    }
  }

  it('narrow fields of one broad field, as counted row by row', async () => {
    const broad = [...offers.values()][0]!.fields[0]!.slice(0, 2);
    const { rows } = await repositories.statistics.table('field', {}, today, broad);
    const expected = reference('field', {}, broad);
    expect(rows.map(comparable).sort((x, y) => (x.key < y.key ? -1 : 1))).toEqual(
      [...expected.values()].map(comparable).sort((x, y) => (x.key < y.key ? -1 : 1)),
    );
  });
});

describe('statistics.agreed and offerCounts (the balance report)', () => {
  for (const filter of filters.filter((f) => !f.region)) {
    it(`${JSON.stringify(filter)}: as counted row by row`, async () => {
      const got = await repositories.statistics.agreed(filter);
      const chosen = partnerships.filter(
        (p) => agreed(p) && p.decidedAt !== null && inPeriod(p.decidedAt, filter),
      );
      const sideOffers = chosen.flatMap((p) => [offers.get(p.a)!, offers.get(p.b)!]);
      const count = (keys: string[]) => {
        const map = new Map<string, number>();
        for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
        return map;
      };
      const students = (region: string) =>
        chosen.reduce(
          (sum, p) =>
            sum +
            (offers.get(p.a)!.region === region ? (p.studentsA ?? 0) : 0) +
            (offers.get(p.b)!.region === region ? (p.studentsB ?? 0) : 0),
          0,
        );
      const months = [...new Set(chosen.map((p) => monthOf(p.decidedAt!)))].sort().map((month) => {
        const of = chosen.filter((p) => monthOf(p.decidedAt!) === month);
        const fromAsia = of.filter((p) => offers.get(p.a)!.region === 'asia').length;
        return { month, fromAsia, fromEurope: of.length - fromAsia };
      });
      expect(got).toEqual({
        agreed: chosen.length,
        fromAsia: chosen.filter((p) => offers.get(p.a)!.region === 'asia').length,
        studentsAsia: students('asia'),
        studentsEurope: students('europe'),
        months,
        sidesByCountry: count(sideOffers.map((o) => o.country)),
        sidesByInstitution: count(sideOffers.map((o) => o.institutionId)),
      });

      const posted = [...offers.values()].filter((o) => !o.hidden && inPeriod(o.createdAt, filter));
      expect(await repositories.statistics.offerCounts(filter)).toEqual({
        byCountry: count(posted.map((o) => o.country)),
        byInstitution: count(posted.map((o) => o.institutionId)),
      });
    });
  }
});

describe('stats.partnershipCounts (the balance the matcher reads)', () => {
  it('as counted row by row', async () => {
    const agreedOnes = partnerships.filter(agreed);
    const byCountry = new Map<string, number>();
    for (const p of agreedOnes) {
      for (const o of [offers.get(p.a)!, offers.get(p.b)!]) {
        byCountry.set(o.country, (byCountry.get(o.country) ?? 0) + 1);
      }
    }
    const fromAsia = agreedOnes.filter((p) => offers.get(p.a)!.region === 'asia').length;
    expect(await repositories.statistics.partnershipCounts()).toEqual({
      byCountry,
      total: agreedOnes.length * 2,
      fromAsia,
      fromEurope: agreedOnes.length - fromAsia,
    });
  });
});

describe('stats.summary (public)', () => {
  it('as counted row by row', async () => {
    const summary = await repositories.statistics.summary(today);
    const visible = [...offers.values()].filter((o) => !o.hidden);
    const agreedOnes = partnerships.filter(agreed);
    const declined = partnerships.filter((p) => p.status === 'declined').length;
    const days = agreedOnes
      .filter((p) => p.decidedAt !== null)
      .map((p) => (p.decidedAt! - offers.get(p.a)!.createdAt) / dayMs);
    const mid = median(days);
    expect(summary).toMatchObject({
      offers: visible.length,
      openOffers: visible.filter((o) => o.status === 'open' && o.endDate >= today).length,
      partnerships: partnerships.length,
      accepted: agreedOnes.length,
      completed: partnerships.filter((p) => p.status === 'completed').length,
      acceptanceRate: agreedOnes.length / (agreedOnes.length + declined),
      medianDaysToMatch: mid === null ? null : Math.round(mid * 10) / 10,
      countries: new Set(visible.map((o) => o.country)).size,
    });
  });
});

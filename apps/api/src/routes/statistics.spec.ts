// The secretariat's figures against values worked out by hand on a small fixture, the CSV
// (parsed back; formula cells neutralised), and access.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf } from '@twinning/db/client';
import { tablesFor } from '@twinning/db/dialect';
import { setOfferStatus, setOfferThemeRows } from '@twinning/db/testing/fixtures';
import type { NewOffer } from '@twinning/db/repositories/offers';
import { lecturerAt, offerBody, secretariat } from '../testing/actors.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';
import { neutralise } from '../services/statistics.ts';
import { findTheme } from '@twinning/core/vocabulary/themes';

let t: TestApp;
let sec: { cookie: string };
let close: () => Promise<void>;

/*
 * The fixture (UTC dates):
 *   O1 DE tum     coil  0613  SDG 4     posted 2026-01-10   matched
 *   O2 JP kyoto   coil  0613  SDG 4, 9  posted 2026-01-20   matched
 *   O3 AT akbild  VE    0212  —         posted 2026-02-05   matched
 *   O4 VN rmit    coil  0413  SDG 9     posted 2026-02-15   matched
 *   O5 DE tum     coil  0613  —         posted 2026-03-01   open
 *   O6 FR sorb.   coil  0613  —         posted 2026-03-15   open
 *   P1 O1→O2 requested 02-01, accepted 02-11 (32 days after O1), completed: 20 DE + 25 JP students
 *   P2 O4→O3 requested 02-20, accepted 03-07 (20 days after O4)
 *   P3 O5→O2 requested 03-05, declined 03-06
 *   P4 O3→O2 requested 03-10, pending
 */
const at = (date: string) => new Date(`${date}T12:00:00Z`);

async function fixture() {
  const owner = await lecturerAt(t, 'inst-tum');
  await t.repositories.institutions.createMany([
    {
      id: 'inst-sorbonne',
      name: 'Sorbonne Université',
      country: 'FR',
      region: 'europe',
      city: 'Paris',
      website: null,
      domains: ['sorbonne-universite.fr'],
      type: 'university',
      verified: true,
      source: 'directory',
      createdBy: null,
    },
  ]);
  const offer = (
    id: string,
    institutionId: string,
    country: string,
    region: 'asia' | 'europe',
    posted: string,
    changes: Record<string, unknown>,
  ): NewOffer => ({
    ...(offerBody({
      startDate: '2026-10-05',
      endDate: '2026-12-18',
      sdgs: [],
      themes: [],
      seekingRegion: region === 'asia' ? 'europe' : 'asia',
      ...changes,
    }) as unknown as NewOffer),
    id,
    institutionId,
    ownerId: owner.id,
    country,
    region,
    createdAt: at(posted),
  });
  await t.repositories.offers.createMany([
    offer('O1', 'inst-tum', 'DE', 'europe', '2026-01-10', {
      fields: ['0613'],
      sdgs: [4],
      themes: ['digitalisation'],
    }),
    offer('O2', 'inst-kyoto', 'JP', 'asia', '2026-01-20', { fields: ['0613'], sdgs: [4, 9] }),
    offer('O3', 'inst-akbild', 'AT', 'europe', '2026-02-05', {
      fields: ['0212'],
      format: 'virtual_exchange',
    }),
    offer('O4', 'inst-rmit-vn', 'VN', 'asia', '2026-02-15', {
      fields: ['0413'],
      sdgs: [9],
      themes: ['digitalisation'],
    }),
    offer('O5', 'inst-tum', 'DE', 'europe', '2026-03-01', { fields: ['0613'] }),
    offer('O6', 'inst-sorbonne', 'FR', 'europe', '2026-03-15', { fields: ['0613'] }),
  ]);
  const database = await connectDatabase(t.file);
  close = () => closeDatabase(database);
  // Statuses and partnerships as they would stand after these events, written straight in.
  const db = databaseOf(database);
  const { partnerships } = tablesFor(db);
  await setOfferStatus(db, ['O1', 'O2', 'O3', 'O4'], 'matched');
  const partnership = (
    id: string,
    offerId: string,
    partnerOfferId: string,
    requested: string,
    status: 'pending' | 'accepted' | 'declined' | 'completed',
    decided?: string,
    students?: [number, number],
  ) =>
    db.insert(partnerships).values({
      id,
      offerId,
      partnerOfferId,
      requestedBy: owner.id,
      status,
      createdAt: at(requested),
      decidedAt: decided ? at(decided) : null,
      studentsA: students?.[0] ?? null,
      studentsB: students?.[1] ?? null,
    });
  await partnership('P1', 'O1', 'O2', '2026-02-01', 'completed', '2026-02-11', [20, 25]);
  await partnership('P2', 'O4', 'O3', '2026-02-20', 'accepted', '2026-03-07');
  await partnership('P3', 'O5', 'O2', '2026-03-05', 'declined', '2026-03-06');
  await partnership('P4', 'O3', 'O2', '2026-03-10', 'pending');
  // P1 and P2 were decided at noon, their offers posted at noon: whole days.
}

beforeEach(async () => {
  t = await createTestApp({}, new TestClock(new Date('2026-09-01T08:00:00Z')));
  await fixture();
  sec = await secretariat(t);
});
afterEach(async () => {
  await close();
  await t.close();
});

async function get(url: string, cookie = sec.cookie) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

const row = (rows: { key: string }[], key: string) => rows.find((r) => r.key === key);

describe('GET /api/stats/breakdown', () => {
  it('by country: every figure as worked out by hand', async () => {
    const res = await get('/api/stats/breakdown?by=country');
    expect(res.statusCode, res.body).toBe(200);
    const { rows, totals } = res.json();
    expect(row(rows, 'DE')).toEqual({
      key: 'DE',
      label: 'Germany',
      offers: 2,
      openOffers: 1,
      requests: 2,
      accepted: 1,
      completed: 1,
      acceptanceRate: 0.5,
      medianDaysToMatch: 32,
      studentsAsia: 0,
      studentsEurope: 20,
    });
    expect(row(rows, 'JP')).toMatchObject({
      offers: 1,
      openOffers: 0,
      requests: 3,
      accepted: 1,
      acceptanceRate: 0.5,
      medianDaysToMatch: 32,
      studentsAsia: 25,
      studentsEurope: 0,
    });
    expect(row(rows, 'AT')).toMatchObject({
      requests: 2,
      accepted: 1,
      acceptanceRate: 1,
      medianDaysToMatch: 20,
    });
    expect(row(rows, 'VN')).toMatchObject({ requests: 1, accepted: 1, medianDaysToMatch: 20 });
    expect(row(rows, 'FR')).toMatchObject({
      offers: 1,
      openOffers: 1,
      requests: 0,
      acceptanceRate: null,
    });
    expect(totals).toEqual({
      key: 'total',
      label: 'All',
      offers: 6,
      openOffers: 2,
      requests: 4,
      accepted: 2,
      completed: 1,
      acceptanceRate: 2 / 3,
      medianDaysToMatch: 26,
      studentsAsia: 25,
      studentsEurope: 20,
    });
  });

  it('by region pair and by month use the request’s own direction and date', async () => {
    const pairs = (await get('/api/stats/breakdown?by=regionPair')).json().rows;
    expect(row(pairs, 'europe→asia')).toMatchObject({
      label: 'Europe → Asia',
      offers: 4,
      requests: 3,
      accepted: 1,
      completed: 1,
      studentsAsia: 25,
      studentsEurope: 20,
    });
    expect(row(pairs, 'asia→europe')).toMatchObject({ offers: 2, requests: 1, accepted: 1 });
    const months = (await get('/api/stats/breakdown?by=month')).json().rows;
    expect(months.map((r: { key: string }) => r.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(months.map((r: { offers: number; requests: number }) => [r.offers, r.requests])).toEqual(
      [
        [2, 0],
        [2, 2],
        [2, 2],
      ],
    );
  });

  it('by field (broad, then narrow on demand), format and SDG', async () => {
    const broad = (await get('/api/stats/breakdown?by=field')).json().rows;
    expect(row(broad, '06')).toMatchObject({ offers: 4, requests: 3 });
    expect(row(broad, '02')).toMatchObject({ offers: 1, requests: 2 });
    const narrow = (await get('/api/stats/breakdown?by=field&field=06')).json().rows;
    expect(narrow.map((r: { key: string }) => r.key)).toEqual(['061']);
    const format = (await get('/api/stats/breakdown?by=format')).json().rows;
    expect(row(format, 'virtual_exchange')).toMatchObject({ offers: 1, requests: 2, accepted: 1 });
    const sdg = (await get('/api/stats/breakdown?by=sdg')).json().rows;
    expect(sdg.map((r: { key: string; requests: number }) => [r.key, r.requests])).toEqual([
      ['4', 3],
      ['9', 4],
    ]);
    // Themes join by the side's offer: digitalisation is O1's (P1) and O4's (P2).
    const theme = (await get('/api/stats/breakdown?by=theme')).json().rows;
    expect(theme.map((r: { key: string }) => r.key)).toEqual(['digitalisation']);
    expect(row(theme, 'digitalisation')).toMatchObject({
      offers: 2,
      openOffers: 0,
      requests: 2,
      accepted: 2,
      completed: 1,
    });
  });

  it('names a theme stored under a merged id by the theme it was merged into', async () => {
    // Migration 0014 rewrites merged ids; a row it did not reach still reads as the kept theme.
    const database = await connectDatabase(t.file);
    try {
      await setOfferThemeRows(databaseOf(database), 'O1', 'quality_assurance_recognition');
    } finally {
      await closeDatabase(database);
    }
    const rows = (await get('/api/stats/breakdown?by=theme')).json().rows;
    expect(row(rows, 'quality_assurance_recognition')).toMatchObject({
      label: findTheme('recognition')!.name,
    });
  });

  it('narrows to a period and a region', async () => {
    const feb = (await get('/api/stats/breakdown?by=country&from=2026-02-01&to=2026-02-28')).json();
    expect(feb.totals).toMatchObject({ offers: 2, requests: 2, accepted: 2 });
    const asia = (await get('/api/stats/breakdown?by=country&region=asia')).json();
    expect(asia.rows.map((r: { key: string }) => r.key).sort()).toEqual(['JP', 'VN']);
    expect(asia.totals).toMatchObject({
      offers: 2,
      requests: 4,
      studentsAsia: 25,
      studentsEurope: 0,
    });
    const backwards = await get('/api/stats/breakdown?by=country&from=2026-03-01&to=2026-02-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([
      { field: 'to', message: 'must not be before from (2026-03-01)' },
    ]);
    // Days that do not exist are named, on every figure that takes a period.
    for (const path of ['/api/stats/breakdown?by=country&', '/api/stats/balance?']) {
      const impossible = await get(`${path}from=2026-02-30&to=1490-11-79`);
      expect(impossible.statusCode, path).toBe(400);
      expect(impossible.json().error.details).toEqual([
        { field: 'from', message: 'is not a calendar date (2026-02-30)' },
        { field: 'to', message: 'is not a calendar date (1490-11-79)' },
      ]);
    }
    const planet = await get('/api/stats/breakdown?by=planet');
    expect(planet.statusCode).toBe(400);
    expect(planet.json().error.details).toEqual([
      {
        field: 'by',
        message: 'must be one of: country, regionPair, format, field, sdg, theme, month',
      },
    ]);
    const mars = await get('/api/stats/balance?region=mars');
    expect(mars.json().error.details).toEqual([
      { field: 'region', message: 'must be one of: asia, europe' },
    ]);
  });

  it('is for the secretariat only', async () => {
    const lecturer = await lecturerAt(t, 'inst-kyoto');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/stats/breakdown?by=country' })).statusCode,
    ).toBe(401);
    expect((await get('/api/stats/breakdown?by=country', lecturer.cookie)).statusCode).toBe(403);
    expect((await get('/api/stats/balance', lecturer.cookie)).statusCode).toBe(403);
    expect((await get('/api/stats/export.csv?by=country', lecturer.cookie)).statusCode).toBe(403);
    expect((await get('/api/moderation', lecturer.cookie)).statusCode).toBe(403);
  });
});

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cell = '';
  let current: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      current.push(cell);
      cell = '';
    } else if (c === '\n') {
      current.push(cell);
      rows.push(current);
      current = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || current.length) rows.push([...current, cell]);
  return rows;
}

describe('GET /api/stats/export.csv', () => {
  it('is the same table as CSV, parsed back to the same rows', async () => {
    const res = await get('/api/stats/export.csv?by=country&from=2026-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="twinning-country-2026-01-01.csv"',
    );
    const [header, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'key',
      'label',
      'offers',
      'openOffers',
      'requests',
      'accepted',
      'completed',
      'acceptanceRate',
      'medianDaysToMatch',
      'studentsAsia',
      'studentsEurope',
    ]);
    const table = (await get('/api/stats/breakdown?by=country&from=2026-01-01')).json().rows;
    expect(rows).toEqual(
      table.map((r: Record<string, unknown>) =>
        header!.map((c) => (r[c] === null ? '' : String(r[c]))),
      ),
    );
  });

  it('starts with a UTF-8 byte-order mark and writes shares with four decimals', async () => {
    const res = await get('/api/stats/export.csv?by=sdg');
    expect(res.statusCode).toBe(200);
    // Excel reads a CSV without the mark in the machine's legacy code page (mojibake).
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(header![0]).toBe('key');
    const rate = header!.indexOf('acceptanceRate');
    // SDG 9: P1 and P2 accepted, P3 declined: 2 / 3, not 0.6666666666666666.
    expect(rows.find((r) => r[0] === '9')![rate]).toBe('0.6667');
    expect(rows.find((r) => r[0] === '4')![rate]).toBe('0.5');
    for (const cells of rows) {
      for (const cell of cells) expect(cell).not.toMatch(/\.\d{5,}/);
    }
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    for (const risky of ['+1', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralise(risky)).toBe(`'${risky}`);
    expect(neutralise('Germany')).toBe('Germany');
    expect(neutralise(-3)).toBe(-3);
  });
});

describe('GET /api/stats/balance', () => {
  it('reports flows, students, trend, concentration and who needs help as worked out by hand', async () => {
    const res = await get('/api/stats/balance');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      target: 0.5,
      agreed: 2,
      asiaShare: 0.5,
      europeShare: 0.5,
      studentsAsia: 25,
      studentsEurope: 20,
      studentsAsiaShare: 25 / 45,
      trend: [
        { month: '2026-02', fromAsia: 0, fromEurope: 1, asiaShare: 0 },
        { month: '2026-03', fromAsia: 1, fromEurope: 0, asiaShare: 1 },
      ],
      needHelp: [{ code: 'FR', name: 'France', offers: 1 }],
    });
    // Four countries hold one side each: HHI 4 × (1/4)² = 0.25; Gini over all 51 countries,
    // 47 with none: (44 + 46 + 48 + 50) / (51 × 4) = 0.92157 → 0.9216.
    expect(report.concentration.countries).toMatchObject({ hhi: 0.25, gini: 0.9216, holders: 51 });
    // Five institutions took part (offers or sides); four hold one side each, Sorbonne none:
    // HHI 0.25; Gini (−4·0 −2·1 +0·1 +2·1 +4·1) / (5 × 4) = 0.2.
    expect(report.concentration.institutions).toMatchObject({ hhi: 0.25, gini: 0.2, holders: 5 });
    expect(report.countries).toHaveLength(51);
    expect(report.countries.find((c: { code: string }) => c.code === 'DE')).toEqual({
      code: 'DE',
      name: 'Germany',
      region: 'europe',
      offers: 2,
      partnerships: 1,
    });
    const march = (await get('/api/stats/balance?from=2026-03-01&to=2026-03-31')).json();
    expect(march).toMatchObject({ agreed: 1, asiaShare: 1, studentsAsia: 0 });
  });
});

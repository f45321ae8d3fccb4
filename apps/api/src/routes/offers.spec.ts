import { describe, expect, it } from 'vitest';
import { lecturerAt, offerBody, postOffer, signUp, tryPostOffer } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp, TestClock } from '../testing/test-app.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

async function search(query: string, cookie?: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/offers${query}`,
    ...(cookie ? { headers: { cookie } } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}
const titles = (body: { items: { title: string }[] }) => body.items.map((o) => o.title);

describe('POST /api/offers', () => {
  it('creates an open offer with the defaults filled in', async () => {
    const { cookie, id } = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, cookie, {
      seekingRegion: undefined,
      openToStudents: undefined,
    });
    expect(offer).toMatchObject({
      institutionId: 'inst-tum',
      ownerId: id,
      status: 'open',
      seekingRegion: 'asia',
      openToStudents: false,
      languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
      createdAt: clock.current.toISOString(),
    });
    const asian = await lecturerAt(t, 'inst-kyoto');
    const fromAsia = await postOffer(t, asian.cookie, {
      seekingRegion: undefined,
      timeZone: 'Asia/Tokyo',
      languages: [{ code: 'ja', level: 'native' }],
    });
    expect(fromAsia.seekingRegion).toBe('europe');
    expect(fromAsia.languages).toEqual([{ code: 'ja', level: 'native', minPartnerLevel: 'B1' }]);
  });

  it('refuses anonymous callers, students, unconfirmed lecturers and unverified institutions', async () => {
    const anonymous = await tryPostOffer(t, undefined, offerBody());
    expect(anonymous.statusCode).toBe(401);
    const student = await signUp(t, 'student');
    const byStudent = await tryPostOffer(t, student.cookie, offerBody());
    expect(byStudent.statusCode).toBe(403);
    const pending = await signUp(t, 'lecturer', {
      institutionId: 'inst-tum',
      email: 'x@gmail.com',
    });
    const byPending = await tryPostOffer(t, pending.cookie, offerBody());
    expect(byPending.statusCode).toBe(403);
    expect(byPending.json().error.message).toMatch(/affiliation/);
    const unverified = await signUp(t, 'lecturer', {
      institutionId: 'inst-akbild',
      email: 'y@akbild.ac.at',
    });
    const byUnverified = await tryPostOffer(t, unverified.cookie, offerBody());
    expect(byUnverified.statusCode).toBe(403);
    expect(byUnverified.json().error.message).toMatch(/not verified/);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['title', { title: 'Hi' }, 'title'],
    ['title too long', { title: 'x'.repeat(201) }, 'title'],
    ['description', { description: 'Too short.' }, 'description'],
    ['format', { format: 'mooc' }, 'format'],
    ['no fields', { fields: [] }, 'fields'],
    ['a narrow code as field', { fields: ['061'] }, 'fields.0'],
    ['an unknown field', { fields: ['0613', '9999'] }, 'fields.1'],
    ['too many fields', { fields: ['0611', '0612', '0613', '0619', '0688', '0011'] }, 'fields'],
    ['SDG 18', { sdgs: [18] }, 'sdgs.0'],
    ['a repeated SDG', { sdgs: [4, 4] }, 'sdgs.1'],
    ['a theme', { themes: ['cooking'] }, 'themes.0'],
    ['no language', { languages: [] }, 'languages'],
    ['a language code', { languages: [{ code: 'english', level: 'C1' }] }, 'languages.0.code'],
    ['a CEFR level', { languages: [{ code: 'en', level: 'B3' }] }, 'languages.0.level'],
    [
      'a partner level',
      { languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'fluent' }] },
      'languages.0.minPartnerLevel',
    ],
    ['a level id', { levels: ['phd'] }, 'levels.0'],
    ['no level', { levels: [] }, 'levels'],
    ['a start date', { startDate: '2026-02-30' }, 'startDate'],
    ['an end date format', { endDate: '18/12/2026' }, 'endDate'],
    ['end before start', { startDate: '2026-12-01', endDate: '2026-11-01' }, 'endDate'],
    ['an end in the past', { startDate: '2026-06-01', endDate: '2026-08-01' }, 'endDate'],
    ['a time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['a weekday', { windows: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'windows.0.weekday'],
    ['a start time', { windows: [{ weekday: 1, start: '9am', end: '10:00' }] }, 'windows.0.start'],
    ['an end time', { windows: [{ weekday: 1, start: '09:00', end: '24:00' }] }, 'windows.0.end'],
    [
      'an empty window',
      { windows: [{ weekday: 1, start: '09:00', end: '09:00' }] },
      'windows.0.end',
    ],
    [
      'overlapping windows',
      {
        windows: [
          { weekday: 1, start: '09:00', end: '11:00' },
          { weekday: 1, start: '10:30', end: '12:00' },
        ],
      },
      'windows.1',
    ],
    [
      'a Sunday-night window running into a Monday one',
      {
        windows: [
          { weekday: 1, start: '00:30', end: '02:00' },
          { weekday: 7, start: '23:00', end: '01:00' },
        ],
      },
      'windows.1',
    ],
    ['class size 0', { classSize: 0 }, 'classSize'],
    ['class size 1001', { classSize: 1001 }, 'classSize'],
    ['seeking region', { seekingRegion: 'africa' }, 'seekingRegion'],
  ];

  it.each(invalid)('names a bad %s and stores nothing', async (_name, change, field) => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const res = await tryPostOffer(t, cookie, offerBody(change));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await search('?status=all')).body.items).toHaveLength(0);
  });

  it('refuses a missing field and a wrong type by name', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const { title: _t, ...withoutTitle } = offerBody();
    const missing = await tryPostOffer(t, cookie, withoutTitle);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toContainEqual({ field: 'title', message: 'is required' });
    const wrongType = await tryPostOffer(t, cookie, offerBody({ classSize: 'thirty' }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].field).toBe('classSize');
  });

  it('accepts a window across midnight and sorts windows', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, cookie, {
      windows: [
        { weekday: 5, start: '22:30', end: '00:30' },
        { weekday: 1, start: '08:00', end: '09:30' },
      ],
    });
    expect(offer.windows).toEqual([
      { weekday: 1, start: '08:00', end: '09:30' },
      { weekday: 5, start: '22:30', end: '00:30' },
    ]);
  });
});

describe('GET /api/offers/:id', () => {
  it('returns the offer with its institution, its owner and whether it ended', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, cookie);
    const res = await t.app.inject({ method: 'GET', url: `/api/offers/${offer.id}` });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.offer).toEqual(offer);
    expect(detail.institution).toMatchObject({ id: 'inst-tum', country: 'DE' });
    expect(detail.owner.name).toMatch(/lecturer/);
    expect(detail.owner.lastActiveAt).toBe('2026-09-01T08:00:00.000Z');
    expect(detail.ended).toBe(false);
    clock.advanceDays(120);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/offers/${offer.id}` })).json().ended,
    ).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/offers/nope' })).statusCode).toBe(404);
  });
});

describe('PATCH /api/offers/:id and close', () => {
  it('lets the owner change some fields, validating the whole', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, cookie);
    const res = await api(t, 'PATCH', `/api/offers/${offer.id}`, {
      cookie,
      payload: { title: 'Software engineering, revised', classSize: 45 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Software engineering, revised',
      classSize: 45,
      fields: ['0613'],
    });
    const bad = await api(t, 'PATCH', `/api/offers/${offer.id}`, {
      cookie,
      payload: { endDate: '2026-12-01' },
    });
    expect(bad.statusCode).toBe(200);
    const reversed = await api(t, 'PATCH', `/api/offers/${offer.id}`, {
      cookie,
      payload: { startDate: '2026-12-15' },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].field).toBe('endDate');
    // The refused change left the offer as it was.
    const now = (await t.app.inject({ method: 'GET', url: `/api/offers/${offer.id}` })).json()
      .offer;
    expect(now.startDate).toBe('2026-10-05');
    // The search index follows the new title.
    expect(titles((await search('?q=revised')).body)).toEqual(['Software engineering, revised']);
  });

  it('refuses other people and closed offers', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const other = await lecturerAt(t, 'inst-kyoto');
    const offer = await postOffer(t, owner.cookie);
    const patch = await api(t, 'PATCH', `/api/offers/${offer.id}`, {
      cookie: other.cookie,
      payload: { classSize: 10 },
    });
    expect(patch.statusCode).toBe(403);
    const closeByOther = await api(t, 'POST', `/api/offers/${offer.id}/close`, {
      cookie: other.cookie,
    });
    expect(closeByOther.statusCode).toBe(403);
    const close = await api(t, 'POST', `/api/offers/${offer.id}/close`, { cookie: owner.cookie });
    expect(close.statusCode).toBe(200);
    expect(close.json().status).toBe('closed');
    const again = await api(t, 'POST', `/api/offers/${offer.id}/close`, { cookie: owner.cookie });
    expect(again.statusCode).toBe(409);
    const edit = await api(t, 'PATCH', `/api/offers/${offer.id}`, {
      cookie: owner.cookie,
      payload: { classSize: 10 },
    });
    expect(edit.statusCode).toBe(409);
    expect((await search('')).body.items).toHaveLength(0);
    expect((await search('?status=closed')).body.items).toHaveLength(1);
  });
});

describe('GET /api/offers', () => {
  async function catalogue() {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    await postOffer(t, berlin.cookie, {
      title: 'Machine learning for public health data',
      description:
        'Students train models on open health data from Germany and Japan and compare results.',
      fields: ['0613', '0912'],
      sdgs: [3],
      themes: ['digitalisation'],
      levels: ['master'],
      openToStudents: false,
    });
    clock.advanceDays(1);
    await postOffer(t, kyoto.cookie, {
      title: '持続可能なサプライチェーン',
      description:
        'Sustainable supply chains in ASEAN and the EU, taught with case studies from both regions.',
      format: 'virtual_exchange',
      fields: ['0413'],
      sdgs: [12],
      themes: ['sustainable_development'],
      languages: [
        { code: 'ja', level: 'native' },
        { code: 'en', level: 'B2' },
      ],
      levels: ['bachelor'],
      timeZone: 'Asia/Tokyo',
      startDate: '2027-01-10',
      endDate: '2027-03-01',
    });
    clock.advanceDays(1);
    await postOffer(t, berlin.cookie, {
      title: 'Public health policy seminar',
      description:
        'A seminar comparing how public institutions use machine learning in health policy.',
      fields: ['0912'],
      sdgs: [3],
      themes: [],
      levels: ['master', 'doctoral'],
    });
  }

  it('lists newest first and filters by each field alone', async () => {
    await catalogue();
    expect(titles((await search('')).body)).toEqual([
      'Public health policy seminar',
      '持続可能なサプライチェーン',
      'Machine learning for public health data',
    ]);
    const one = async (q: string) => titles((await search(q)).body);
    expect(await one('?format=virtual_exchange')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?field=0613')).toEqual(['Machine learning for public health data']);
    expect(await one('?field=091')).toHaveLength(2);
    expect(await one('?field=04')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?language=ja')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?region=asia')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?country=de')).toHaveLength(2);
    expect(await one('?level=doctoral')).toEqual(['Public health policy seminar']);
    expect(await one('?sdg=12')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?theme=digitalisation')).toEqual(['Machine learning for public health data']);
    expect(await one('?from=2027-01-01')).toEqual(['持続可能なサプライチェーン']);
    expect(await one('?to=2026-12-31')).toHaveLength(2);
    expect(await one('?openToStudents=false')).toEqual(['Machine learning for public health data']);
    expect(await one('?institution=inst-kyoto')).toEqual(['持続可能なサプライチェーン']);
  });

  it('combines filters', async () => {
    await catalogue();
    const both = async (q: string) => titles((await search(q)).body);
    expect(await both('?field=09&level=master&sdg=3&country=DE&openToStudents=true')).toEqual([
      'Public health policy seminar',
    ]);
    expect(await both('?field=09&region=asia')).toEqual([]);
    expect(await both('?q=health&theme=digitalisation')).toEqual([
      'Machine learning for public health data',
    ]);
  });

  it('ranks full-text matches, titles first, in any script', async () => {
    await catalogue();
    expect(titles((await search('?q=machine%20learning')).body)).toEqual([
      'Machine learning for public health data',
      'Public health policy seminar',
    ]);
    expect(titles((await search('?q=Sustainable')).body)).toEqual(['持続可能なサプライチェーン']);
    expect(titles((await search(`?q=${encodeURIComponent('サプライチェーン')}`)).body)).toEqual([
      '持続可能なサプライチェーン',
    ]);
    expect(titles((await search('?q=heal')).body)).toHaveLength(2);
    expect((await search('?q=%22%20OR%20*')).status).toBe(200);
    expect((await search('?q=nothingmatchesthis')).body.items).toEqual([]);
  });

  it('pages with a cursor that stays stable when offers are added', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    for (let i = 0; i < 5; i++) {
      await postOffer(t, cookie, { title: `Offer number ${i}` });
      clock.advanceDays(0.01);
    }
    const first = await search('?limit=2');
    expect(titles(first.body)).toEqual(['Offer number 4', 'Offer number 3']);
    await postOffer(t, cookie, { title: 'Offer number 5' });
    const second = await search(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(titles(second.body)).toEqual(['Offer number 2', 'Offer number 1']);
    const third = await search(`?limit=2&cursor=${second.body.nextCursor}`);
    expect(titles(third.body)).toEqual(['Offer number 0']);
    expect(third.body.nextCursor).toBeNull();

    const ranked1 = await search('?q=offer&limit=4');
    const ranked2 = await search(`?q=offer&limit=4&cursor=${ranked1.body.nextCursor}`);
    const all = [...titles(ranked1.body), ...titles(ranked2.body)];
    expect(new Set(all).size).toBe(6);
  });

  it('leaves ended offers out of the open list on its own', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    await postOffer(t, cookie, { startDate: '2026-09-10', endDate: '2026-10-10' });
    expect((await search('')).body.items).toHaveLength(1);
    clock.advanceDays(45);
    expect((await search('')).body.items).toHaveLength(0);
    expect((await search('?status=all')).body.items).toHaveLength(1);
  });

  it('lists my own offers of every status, for a signed-in owner only', async () => {
    const mine = await lecturerAt(t, 'inst-tum');
    const other = await lecturerAt(t, 'inst-kyoto');
    await postOffer(t, mine.cookie);
    await postOffer(t, other.cookie, { timeZone: 'Asia/Tokyo' });
    expect((await search('?owner=me&status=all', mine.cookie)).body.items).toHaveLength(1);
    expect((await search('?owner=me')).status).toBe(401);
  });

  it('names bad filters', async () => {
    const bad = await search(
      '?field=0999&language=xx&level=phd&theme=x&country=US&sdg=18&format=mooc',
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['sdg', 'format']));
    const meaning = await search('?field=0999&language=xx&level=phd&theme=x&country=US');
    expect(meaning.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'country',
      'field',
      'language',
      'level',
      'theme',
    ]);
    expect((await search('?from=2027-01-01&to=2026-01-01')).body.error.details[0].field).toBe('to');
    expect((await search('?cursor=abc')).status).toBe(400);
  });

  it('says how many offers the whole search finds, over every page', async () => {
    await catalogue();
    const all = await search('?limit=1');
    expect(all.body).toMatchObject({ total: 3, totalCapped: false });
    expect(all.body.items).toHaveLength(1);
    const next = await search(`?limit=1&cursor=${all.body.nextCursor}`);
    expect(next.body).toMatchObject({ total: 3, totalCapped: false });
    expect((await search('?field=091&limit=1')).body).toMatchObject({ total: 2 });
    expect((await search('?q=health&limit=1')).body).toMatchObject({ total: 2 });
    expect((await search('?q=nothingmatchesthis')).body).toMatchObject({
      total: 0,
      totalCapped: false,
    });
  });

  it('stops counting at 100 and says so', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const offers = Array.from({ length: 101 }, (_, i) => ({
      ...offerBody({ title: `Bulk offer number ${i}` }),
    }));
    // Straight into the repository: 101 posts through the API would only slow the test.
    const first = await postOffer(t, cookie, offers[0]!);
    const stored = (await t.repositories.offers.findById(first.id))!;
    await t.repositories.offers.createMany(
      offers.slice(1).map((_, i) => ({
        ...stored,
        id: `bulk-${i}`,
        title: `Bulk offer number ${i + 1}`,
        country: 'DE',
        region: 'europe' as const,
      })),
    );
    expect((await search('?limit=5')).body).toMatchObject({ total: 100, totalCapped: true });
    expect((await search('?q=bulk&limit=5')).body).toMatchObject({
      total: 100,
      totalCapped: true,
    });
    expect((await search('?q=bulk%20number%20100')).body).toMatchObject({
      total: 1,
      totalCapped: false,
    });
  });

  it('names the languages open offers use, most used first', async () => {
    await catalogue();
    const res = await t.app.inject({ method: 'GET', url: '/api/offers/languages' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { code: 'en', offers: 3 },
      { code: 'ja', offers: 1 },
    ]);
    const students = await api(t, 'GET', '/api/offers/languages?openToStudents=true');
    expect(students.json().items).toEqual([
      { code: 'en', offers: 2 },
      { code: 'ja', offers: 1 },
    ]);
    const bad = await api(t, 'GET', '/api/offers/languages?openToStudents=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('reads a merged theme id and a language alias as the kept ones, on write and in filters', async () => {
    const { cookie } = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, cookie, {
      themes: ['quality_assurance_recognition', 'recognition', 'lifelong_learning_tvet'],
      languages: [
        { code: 'en', level: 'C1' },
        { code: 'tw', level: 'native' },
      ],
    });
    expect(offer.themes).toEqual(['recognition', 'lifelong_learning']);
    expect((offer.languages as { code: string }[]).map((l) => l.code)).toEqual(['en', 'ak']);
    for (const query of [
      '?theme=recognition',
      '?theme=quality_assurance_recognition',
      '?theme=lifelong_learning_tvet',
      '?language=tw',
      '?language=ak',
    ]) {
      expect(
        (await search(query)).body.items.map((o: { id: string }) => o.id),
        query,
      ).toEqual([offer.id]);
    }
    const twice = await api(t, 'POST', '/api/offers', {
      cookie,
      payload: offerBody({
        languages: [
          { code: 'ak', level: 'C1' },
          { code: 'tw', level: 'native' },
        ],
      }),
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].field).toBe('languages.1');
  });
});

import { describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp } from '../testing/test-app.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
appForEachTest((fresh) => ({ t } = fresh));

const kyotoOffer = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
};

describe('GET /api/offers/:id/matches', () => {
  it('ranks compatible partners best first, explains them, and leaves out the rest', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const close = await postOffer(t, kyoto.cookie, {
      ...kyotoOffer,
      title: 'Software engineering in Kyoto',
    });
    const farther = await postOffer(t, kyoto.cookie, {
      ...kyotoOffer,
      title: 'Data analysis for managers',
      description: 'Managers learn to read data and build simple dashboards with a partner class.',
      fields: ['0413'],
      windows: [{ weekday: 2, start: '17:30', end: '18:00' }],
    });
    // Breaks a hard constraint each: same institution, another study level.
    await postOffer(t, berlin.cookie, { title: 'Another Munich course' });
    await postOffer(t, kyoto.cookie, {
      ...kyotoOffer,
      levels: ['doctoral'],
      title: 'A doctoral seminar',
    });

    const res = await api(t, 'GET', `/api/offers/${mine.id}/matches`, { cookie: berlin.cookie });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      offer: { id: string };
      score: number;
      reasons: string[];
      breakdown: object;
      institution: { id: string };
    }[];
    expect(items.map((i) => i.offer.id)).toEqual([close.id, farther.id]);
    expect(items[0]!.score).toBeGreaterThan(items[1]!.score);
    expect(items[0]!.institution.id).toBe('inst-kyoto');
    expect(Object.keys(items[0]!.breakdown).sort()).toEqual(
      ['balance', 'fit', 'language', 'liveHours', 'topic', 'weeks'].sort(),
    );
    // The term crosses the end of Berlin's summer time (25 October), so the hours vary by week.
    expect(items[0]!.reasons[0]).toMatch(
      /^\d(\.\d)? h\/week live on average, mostly Tue \d\d:00–\d\d:00 Berlin = Tue 1[67]:00–1[89]:00 Tokyo \(and 1 other slot\)$/,
    );
    expect(items[0]!.reasons).toContain(
      'both teach 0613 Software and applications development and analysis',
    );

    const limited = await api(t, 'GET', `/api/offers/${mine.id}/matches?limit=1`, {
      cookie: berlin.cookie,
    });
    expect(limited.json().items).toHaveLength(1);
  });

  it('is for the owner and the secretariat only', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const url = `/api/offers/${mine.id}/matches`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url, headers: { cookie: kyoto.cookie } })).statusCode,
    ).toBe(403);
    const student = await signUp(t, 'student');
    expect(
      (await t.app.inject({ method: 'GET', url, headers: { cookie: student.cookie } })).statusCode,
    ).toBe(403);
    const sec = await secretariat(t);
    expect(
      (await t.app.inject({ method: 'GET', url, headers: { cookie: sec.cookie } })).statusCode,
    ).toBe(200);
    const missing = await api(t, 'GET', '/api/offers/nope/matches', { cookie: berlin.cookie });
    expect(missing.statusCode).toBe(404);
    const badLimit = await api(t, 'GET', `${url}?limit=500`, { cookie: berlin.cookie });
    expect(badLimit.statusCode).toBe(400);
  });
});

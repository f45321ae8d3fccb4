import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let clock: TestClock;
beforeEach(async () => {
  clock = new TestClock();
  t = await createTestApp({}, clock);
});
afterEach(async () => {
  await t.close();
});

const kyotoOffer = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
};

async function inject(method: 'GET' | 'POST', url: string, cookie?: string) {
  return t.app.inject({ method, url, headers: cookie ? { cookie } : {} });
}

describe('matching rounds', () => {
  it('pairs open offers Asia × Europe, each once, stores the round and tells both lecturers', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const software = await postOffer(t, berlin.cookie);
    const data = await postOffer(t, berlin.cookie, {
      title: 'Data journalism',
      description: 'Students tell stories with open data in mixed teams.',
      fields: ['0321'],
    });
    const kyotoSoftware = await postOffer(t, kyoto.cookie, {
      ...kyotoOffer,
      title: 'Software engineering in Kyoto',
    });
    const kyotoData = await postOffer(t, kyoto.cookie, {
      ...kyotoOffer,
      title: 'Data journalism in Japan',
      description: 'Students tell stories with open data from both countries.',
      fields: ['0321'],
    });
    // Breaks a hard constraint with every European offer: nobody to pair with.
    const doctoral = await postOffer(t, kyoto.cookie, { ...kyotoOffer, levels: ['doctoral'] });

    const sec = await secretariat(t);
    const res = await inject('POST', '/api/matching-rounds', sec.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    expect(round).toMatchObject({ status: 'done', progress: null, asiaOffers: 3, europeOffers: 2 });
    expect(
      round.proposals.map((p: { offerId: string; partnerOfferId: string }) => [
        p.offerId,
        p.partnerOfferId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [kyotoSoftware.id, software.id],
        [kyotoData.id, data.id],
      ]),
    );
    expect(round.proposals).toHaveLength(2);
    expect(JSON.stringify(round)).not.toContain(doctoral.id);
    expect(round.proposals[0].offer).toMatchObject({
      institutionName: expect.any(String),
      country: 'JP',
    });
    const total = round.proposals.reduce((s: number, p: { score: number }) => s + p.score, 0);
    expect(round.totalScore).toBeCloseTo(total, 6);

    const stored = await inject('GET', `/api/matching-rounds/${round.id}`, sec.cookie);
    expect(stored.json()).toEqual(round);
    const list = await inject('GET', '/api/matching-rounds', sec.cookie);
    expect(list.json().items).toMatchObject([{ id: round.id, status: 'done', proposalCount: 2 }]);

    for (const lecturer of [berlin, kyoto]) {
      const notes = await t.repositories.applications.notificationsOf(lecturer.id);
      expect(notes.filter((n) => n.kind === 'round_proposal')).toHaveLength(2);
    }
  });

  it('is for the secretariat only; unknown rounds are 404', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    expect((await inject('POST', '/api/matching-rounds')).statusCode).toBe(401);
    expect((await inject('POST', '/api/matching-rounds', berlin.cookie)).statusCode).toBe(403);
    expect((await inject('GET', '/api/matching-rounds', berlin.cookie)).statusCode).toBe(403);
    const student = await signUp(t, 'student');
    expect((await inject('GET', '/api/matching-rounds/x', student.cookie)).statusCode).toBe(403);
    const sec = await secretariat(t);
    const missing = await inject('GET', '/api/matching-rounds/nope', sec.cookie);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('runs one round at a time: a second request meanwhile gets 409', async () => {
    const sec = await secretariat(t);
    const [a, b] = await Promise.all([
      inject('POST', '/api/matching-rounds', sec.cookie),
      inject('POST', '/api/matching-rounds', sec.cookie),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().error.message).toMatch(/running already/);
    expect((await inject('POST', '/api/matching-rounds', sec.cookie)).statusCode).toBe(201);
  });

  it('an empty catalogue gives a round without proposals', async () => {
    const sec = await secretariat(t);
    const res = await inject('POST', '/api/matching-rounds', sec.cookie);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ proposals: [], totalScore: 0, asiaOffers: 0 });
  });

  it('shows each lecturer the proposal for their offer, linked once they request it', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const theirs = await postOffer(t, kyoto.cookie, kyotoOffer);
    const url = `/api/offers/${mine.id}/proposal`;
    expect((await inject('GET', url, berlin.cookie)).json()).toEqual({ proposal: null });

    const sec = await secretariat(t);
    const round = (await inject('POST', '/api/matching-rounds', sec.cookie)).json();
    const proposal = (await inject('GET', url, berlin.cookie)).json().proposal;
    expect(proposal).toMatchObject({
      roundId: round.id,
      partnershipId: null,
      offer: { id: theirs.id },
      institution: { id: 'inst-kyoto' },
    });
    expect((await inject('GET', url, kyoto.cookie)).statusCode).toBe(403);
    expect(
      (await inject('GET', `/api/offers/${theirs.id}/proposal`, kyoto.cookie)).json().proposal.offer
        .id,
    ).toBe(mine.id);

    const request = await t.app.inject({
      method: 'POST',
      url: '/api/partnerships',
      headers: { cookie: berlin.cookie },
      payload: { offerId: mine.id, partnerOfferId: theirs.id },
    });
    expect(request.statusCode, request.body).toBe(201);
    expect((await inject('GET', url, berlin.cookie)).json().proposal.partnershipId).toBe(
      request.json().id,
    );
    const again = (await inject('GET', `/api/matching-rounds/${round.id}`, sec.cookie)).json();
    expect(again.proposals[0].partnershipId).toBe(request.json().id);
  });
});

describe('the matcher follows writes', () => {
  // The test clock stands still: writes at the very instant the index last saw are caught too.
  it('sees offers posted, edited and closed after it was built', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const url = `/api/offers/${mine.id}/matches`;
    expect((await inject('GET', url, berlin.cookie)).json().items).toEqual([]);

    const theirs = await postOffer(t, kyoto.cookie, kyotoOffer);
    const first = (await inject('GET', url, berlin.cookie)).json().items;
    expect(first.map((i: { offer: { id: string } }) => i.offer.id)).toEqual([theirs.id]);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/offers/${theirs.id}`,
      headers: { cookie: kyoto.cookie },
      payload: { windows: [{ weekday: 4, start: '16:00', end: '18:00' }] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = (await inject('GET', url, berlin.cookie)).json().items;
    expect(edited[0].cautions[0]).toBe('no live hours in common: the work would be asynchronous');
    expect(edited[0].reasons.join(' ')).not.toMatch(/live/);

    const close = await inject('POST', `/api/offers/${theirs.id}/close`, kyoto.cookie);
    expect(close.statusCode, close.body).toBe(200);
    expect((await inject('GET', url, berlin.cookie)).json().items).toEqual([]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import { createSecondApp, type TestApp, type TestClock } from '../testing/test-app.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

const kyotoOffer = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
};

async function inject(method: 'GET' | 'POST', url: string, cookie?: string) {
  return t.app.inject({ method, url, headers: cookie ? { cookie } : {} });
}

type Repositories = TestApp['repositories'];

/**
 * Holds the next round the process of `repositories` runs just before it is stored (still
 * `running` in the database): `reached` resolves once it got there, `release()` lets it finish,
 * `restore()` ends the hold if no round came.
 */
function holdNextRound(repositories: Repositories) {
  const rounds = repositories.matchingRounds;
  const finish = rounds.finish.bind(rounds);
  let arrived!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const spy = vi.spyOn(rounds, 'finish').mockImplementationOnce(async (...args) => {
    spy.mockRestore();
    arrived();
    await released;
    return finish(...args);
  });
  return { reached, release, restore: () => spy.mockRestore() };
}

/** Two lecturers and two pairs a round makes: software with software, data with data. */
async function twoPairs() {
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
  return { berlin, kyoto, software, data, kyotoSoftware, kyotoData };
}

describe('matching rounds', () => {
  it('pairs open offers Asia × Europe, each once, stores the round and tells both lecturers', async () => {
    const { berlin, kyoto, software, data, kyotoSoftware, kyotoData } = await twoPairs();
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
      const notes = (await t.repositories.notifications.listFor(lecturer.id, 50)).items;
      const proposals = notes.filter((n) => n.kind === 'round_proposal');
      expect(proposals).toHaveLength(2);
      // Each names the round, the lecturer's own offer and the proposed partner.
      for (const { payload } of proposals) {
        expect(payload).toMatchObject({
          roundId: round.id,
          offerTitle: expect.any(String),
          partnerOfferTitle: expect.any(String),
        });
        expect(payload.offerTitle).not.toBe('');
      }
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
    // Both at once; the one that starts is held before it is stored, so the other always meets
    // it running.
    const hold = holdNextRound(t.repositories);
    const a = inject('POST', '/api/matching-rounds', sec.cookie);
    const b = inject('POST', '/api/matching-rounds', sec.cookie);
    await hold.reached;
    const refused = await Promise.race([a, b]);
    hold.release();
    const [first, second] = await Promise.all([a, b]);
    const done = first === refused ? second : first;
    expect(done.statusCode, done.body).toBe(201);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/running already/);
    expect(refused.json().error.message).toContain(done.json().id);
    expect((await inject('POST', '/api/matching-rounds', sec.cookie)).statusCode).toBe(201);
  });

  it('runs one round at a time across processes: two apps on one database start one at once → one 201, one 409', async () => {
    const second = await createSecondApp(t, {}, clock);
    // Whichever process starts its round holds it before storing it, so the other always
    // meets it running.
    const holds = [holdNextRound(t.repositories), holdNextRound(second.repositories)];
    try {
      const sec = await secretariat(t);
      const berlin = await lecturerAt(t, 'inst-tum');
      const kyoto = await lecturerAt(t, 'inst-kyoto');
      await postOffer(t, berlin.cookie);
      await postOffer(t, kyoto.cookie, kyotoOffer);
      const a = inject('POST', '/api/matching-rounds', sec.cookie);
      const b = second.app.inject({
        method: 'POST',
        url: '/api/matching-rounds',
        headers: { cookie: sec.cookie },
      });
      await Promise.race(holds.map((h) => h.reached));
      const refused = await Promise.race([a, b]);
      for (const h of holds) h.release();
      const [fromA, fromB] = await Promise.all([a, b]);
      const done = fromA === refused ? fromB : fromA;
      expect(done.statusCode, done.body).toBe(201);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/running already/);
      expect(refused.json().error.message).toContain(done.json().id);
      const rounds = await t.repositories.matchingRounds.list(10);
      expect(rounds.map((r) => r.status)).toEqual(['done']);
    } finally {
      for (const h of holds) h.restore();
      await second.close();
    }
  });

  it('shows a running round’s progress in every process, and fails one whose process stopped', async () => {
    const sec = await secretariat(t);
    const second = await createSecondApp(t, {}, clock);
    try {
      const me = await inject('GET', '/api/me', sec.cookie);
      // A round another process runs: its heartbeat is fresh.
      await t.repositories.matchingRounds.start({
        id: 'live-round',
        createdBy: me.json().user.id,
        parameters: {},
        at: clock.now(),
      });
      await t.repositories.matchingRounds.heartbeat(
        'live-round',
        { phase: 'assignment', done: 3, total: 7 },
        clock.now(),
      );
      const seen = await second.app.inject({
        method: 'GET',
        url: '/api/matching-rounds/live-round',
        headers: { cookie: sec.cookie },
      });
      expect(seen.json()).toMatchObject({
        status: 'running',
        progress: { phase: 'assignment', done: 3, total: 7 },
      });
      const refused = await inject('POST', '/api/matching-rounds', sec.cookie);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('live-round');

      // Its process stops: no heartbeat for over a minute. The next request fails it and runs.
      clock.current = new Date(clock.current.getTime() + 61_000);
      const list = await inject('GET', '/api/matching-rounds', sec.cookie);
      expect(list.json().items[0]).toMatchObject({ id: 'live-round', status: 'failed' });
      const started = await inject('POST', '/api/matching-rounds', sec.cookie);
      expect(started.statusCode).toBe(201);
      const stale = await inject('GET', '/api/matching-rounds/live-round', sec.cookie);
      expect(stale.json()).toMatchObject({ status: 'failed', progress: null });
      expect(stale.json().error).toMatch(/stopped/);
    } finally {
      await second.close();
    }
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

    const request = await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
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

describe('previewing a round before it is stored', () => {
  async function post(url: string, cookie: string, payload?: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  }

  it('tells what the round would propose, stores nothing and tells nobody', async () => {
    const { berlin, kyoto, software, kyotoSoftware } = await twoPairs();
    const sec = await secretariat(t);
    const res = await post('/api/matching-rounds/preview', sec.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({
      previewToken: expect.any(String),
      proposalCount: 2,
      asiaOffers: 2,
      europeOffers: 2,
      lecturers: 2,
      notifications: 4,
    });
    expect(preview.sample.map((p: { rank: number }) => p.rank)).toEqual([1, 2]);
    expect(preview.sample[0].score).toBeGreaterThanOrEqual(preview.sample[1].score);
    expect(
      preview.sample.map((p: { offerId: string; partnerOfferId: string }) => [
        p.offerId,
        p.partnerOfferId,
      ]),
    ).toContainEqual([kyotoSoftware.id, software.id]);
    expect(preview.sample[0].offer).toMatchObject({
      country: 'JP',
      institutionName: 'Kyoto University',
    });
    expect(preview.sample[0].partnerOffer).toMatchObject({ country: 'DE' });
    expect(preview.scores.max).toBe(preview.sample[0].score);
    expect(preview.scores.min).toBe(preview.sample[1].score);
    expect(preview.scores.bands).toHaveLength(10);
    expect(preview.scores.bands.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(
      2,
    );
    expect(preview.totalScore).toBeCloseTo(preview.sample[0].score + preview.sample[1].score, 3);

    expect(await t.repositories.matchingRounds.list(10)).toEqual([]);
    for (const lecturer of [berlin, kyoto]) {
      expect((await t.repositories.notifications.listFor(lecturer.id, 50)).items).toEqual([]);
    }
    // The same state previews the same way.
    expect((await post('/api/matching-rounds/preview', sec.cookie)).json().previewToken).toBe(
      preview.previewToken,
    );
  });

  it('stores exactly the confirmed preview and tells the lecturers then', async () => {
    const { berlin } = await twoPairs();
    const sec = await secretariat(t);
    const preview = (await post('/api/matching-rounds/preview', sec.cookie)).json();
    const res = await post('/api/matching-rounds', sec.cookie, {
      previewToken: preview.previewToken,
    });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    expect(round.proposals).toHaveLength(preview.proposalCount);
    expect(round.totalScore).toBe(preview.totalScore);
    expect(
      round.proposals.map((p: { offerId: string; score: number }) => [p.offerId, p.score]),
    ).toEqual(preview.sample.map((p: { offerId: string; score: number }) => [p.offerId, p.score]));
    const notes = (await t.repositories.notifications.listFor(berlin.id, 50)).items;
    expect(notes.filter((n) => n.kind === 'round_proposal')).toHaveLength(2);
  });

  it('refuses a preview the offers have outdated: nothing stored, nobody told', async () => {
    const { berlin, kyoto, data } = await twoPairs();
    const sec = await secretariat(t);
    const preview = (await post('/api/matching-rounds/preview', sec.cookie)).json();
    // A lecturer closes an offer between the preview and the confirmation.
    expect((await post(`/api/offers/${data.id}/close`, berlin.cookie)).statusCode).toBe(200);
    const res = await post('/api/matching-rounds', sec.cookie, {
      previewToken: preview.previewToken,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('preview_outdated');
    expect(res.json().error.message).toMatch(/preview the round again/);
    expect(await t.repositories.matchingRounds.list(10)).toEqual([]);
    for (const lecturer of [berlin, kyoto]) {
      expect((await t.repositories.notifications.listFor(lecturer.id, 50)).items).toEqual([]);
    }
    // Previewed again, it is confirmed.
    const again = (await post('/api/matching-rounds/preview', sec.cookie)).json();
    expect(again.proposalCount).toBe(1);
    const stored = await post('/api/matching-rounds', sec.cookie, {
      previewToken: again.previewToken,
    });
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json().proposals).toHaveLength(1);
  });

  it('still runs directly for scripts that post no body; bad bodies are 400', async () => {
    await twoPairs();
    const sec = await secretariat(t);
    const bare = await api(t, 'POST', '/api/matching-rounds', { cookie: sec.cookie });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json().proposals).toHaveLength(2);
    const empty = await post('/api/matching-rounds', sec.cookie, {});
    expect(empty.statusCode, empty.body).toBe(201);
    const long = await post('/api/matching-rounds', sec.cookie, { previewToken: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].field).toBe('previewToken');
    const wrongType = await post('/api/matching-rounds', sec.cookie, {
      previewToken: { token: 'x' },
    });
    expect(wrongType.statusCode).toBe(400);
    const unknown = await post('/api/matching-rounds', sec.cookie, { previewToken: 'made-up' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error.code).toBe('preview_outdated');
    expect(await t.repositories.matchingRounds.list(10)).toHaveLength(2);
  });

  it('is for the secretariat only', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/matching-rounds/preview' });
    expect(anonymous.statusCode).toBe(401);
    expect((await post('/api/matching-rounds/preview', berlin.cookie)).statusCode).toBe(403);
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

    const edit = await api(t, 'PATCH', `/api/offers/${theirs.id}`, {
      cookie: kyoto.cookie,
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

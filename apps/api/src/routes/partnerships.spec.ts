import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat } from '../testing/actors.ts';
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

const tokyo = { timeZone: 'Asia/Tokyo', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] };

async function pair() {
  const berlin = await lecturerAt(t, 'inst-tum');
  const kyoto = await lecturerAt(t, 'inst-kyoto');
  const a = await postOffer(t, berlin.cookie);
  const b = await postOffer(t, kyoto.cookie, tokyo);
  return { berlin, kyoto, a, b };
}

function post(url: string, cookie: string, payload?: object) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });
}

const offerStatus = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/offers/${id}` })).json().offer.status;

describe('partnerships', () => {
  it('a request opens a conversation, the partner accepts, both offers are matched, then completion', async () => {
    const { berlin, kyoto, a, b } = await pair();
    const res = await post('/api/partnerships', berlin.cookie, {
      offerId: a.id,
      partnerOfferId: b.id,
      message: 'Shall we run this together?',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      offerId: a.id,
      partnerOfferId: b.id,
      requestedBy: berlin.id,
      status: 'pending',
      message: 'Shall we run this together?',
      decidedAt: null,
      studentsA: null,
    });
    expect(p.score).toBeGreaterThan(0);
    // The side asked sees who asked, by name, in its list.
    const kyotoList = await t.app.inject({
      method: 'GET',
      url: '/api/partnerships',
      headers: { cookie: kyoto.cookie },
    });
    expect(kyotoList.json().items[0]).toMatchObject({
      id: p.id,
      requestedBy: berlin.id,
      requesterName: expect.stringMatching(/^lecturer \d+$/),
    });
    expect(p.requesterName).toBe(kyotoList.json().items[0].requesterName);
    const kyotoNotes = await t.repositories.applications.notificationsOf(kyoto.id);
    expect(kyotoNotes[0]).toMatchObject({
      kind: 'partnership_requested',
      payload: { partnershipId: p.id },
    });

    expect((await post(`/api/partnerships/${p.id}/accept`, berlin.cookie)).statusCode).toBe(403);
    clock.advanceDays(3);
    const accepted = await post(`/api/partnerships/${p.id}/accept`, kyoto.cookie);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      decidedAt: clock.current.toISOString(),
    });
    expect(await offerStatus(a.id)).toBe('matched');
    expect(await offerStatus(b.id)).toBe('matched');
    const berlinNotes = await t.repositories.applications.notificationsOf(berlin.id);
    expect(berlinNotes[0]).toMatchObject({
      kind: 'partnership_decided',
      payload: { status: 'accepted' },
    });

    expect((await post(`/api/partnerships/${p.id}/decline`, kyoto.cookie)).statusCode).toBe(409);
    expect((await post(`/api/partnerships/${p.id}/withdraw`, berlin.cookie)).statusCode).toBe(409);
    const badCount = await post(`/api/partnerships/${p.id}/complete`, kyoto.cookie, {
      studentsA: -1,
      studentsB: 5,
    });
    expect(badCount.statusCode).toBe(400);
    expect(badCount.json().error.details[0].field).toBe('studentsA');
    const done = await post(`/api/partnerships/${p.id}/complete`, kyoto.cookie, {
      studentsA: 24,
      studentsB: 19,
    });
    expect(done.json()).toMatchObject({ status: 'completed', studentsA: 24, studentsB: 19 });
    expect(
      (
        await post(`/api/partnerships/${p.id}/complete`, berlin.cookie, {
          studentsA: 1,
          studentsB: 1,
        })
      ).statusCode,
    ).toBe(409);
  });

  it('opens a conversation with both owners as members', async () => {
    const { berlin, kyoto, a, b } = await pair();
    const p = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    expect(p.conversationId).toEqual(expect.any(String));
    expect(await t.repositories.partnerships.conversationMemberIds(p.conversationId)).toEqual(
      [berlin.id, kyoto.id].sort(),
    );
  });

  it('refuses requests that are not the owner’s, break a hard constraint, or repeat', async () => {
    const { berlin, kyoto, a, b } = await pair();
    expect(
      (await post('/api/partnerships', kyoto.cookie, { offerId: a.id, partnerOfferId: b.id }))
        .statusCode,
    ).toBe(403);
    const sameSide = await postOffer(t, berlin.cookie, { title: 'Another Munich course' });
    const refused = await post('/api/partnerships', berlin.cookie, {
      offerId: a.id,
      partnerOfferId: sameSide.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/one institution/);
    const tooLong = await post('/api/partnerships', berlin.cookie, {
      offerId: a.id,
      partnerOfferId: b.id,
      message: 'x'.repeat(2001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(
      (await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: 'nope' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id }))
        .statusCode,
    ).toBe(201);
    const again = await post('/api/partnerships', kyoto.cookie, {
      offerId: b.id,
      partnerOfferId: a.id,
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets the requester withdraw and the partner decline, and lists them per person', async () => {
    const { berlin, kyoto, a, b } = await pair();
    const first = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    expect((await post(`/api/partnerships/${first.id}/withdraw`, kyoto.cookie)).statusCode).toBe(
      403,
    );
    const withdrawn = await post(`/api/partnerships/${first.id}/withdraw`, berlin.cookie);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedAt: null });
    clock.advanceDays(1);
    const second = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    expect((await post(`/api/partnerships/${second.id}/decline`, kyoto.cookie)).json().status).toBe(
      'declined',
    );
    expect(await offerStatus(a.id)).toBe('open');

    const list = async (cookie: string, query = '') =>
      (
        await t.app.inject({ method: 'GET', url: `/api/partnerships${query}`, headers: { cookie } })
      ).json();
    expect((await list(berlin.cookie)).items.map((p: { id: string }) => p.id)).toEqual([
      second.id,
      first.id,
    ]);
    expect((await list(kyoto.cookie, '?status=declined')).items).toHaveLength(1);
    const stranger = await lecturerAt(t, 'inst-tum');
    expect((await list(stranger.cookie)).items).toEqual([]);
    const sec = await secretariat(t);
    expect((await list(sec.cookie)).items).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/partnerships' })).statusCode).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { hideOfferOnly } from '@twinning/db/testing/fixtures';
import { lecturerAt, postOffer, secretariat } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import type { TestApp, TestClock } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';
import { api } from '../testing/api-request.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

const tokyo = { timeZone: 'Asia/Tokyo', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] };

async function pair() {
  const berlin = await lecturerAt(t, 'inst-tum');
  const kyoto = await lecturerAt(t, 'inst-kyoto');
  const a = await postOffer(t, berlin.cookie);
  const b = await postOffer(t, kyoto.cookie, tokyo);
  return { berlin, kyoto, a, b };
}

function post(url: string, cookie: string, payload?: Record<string, unknown>) {
  return api(t, 'POST', url, { cookie, payload });
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
    const kyotoList = await api(t, 'GET', '/api/partnerships', { cookie: kyoto.cookie });
    expect(kyotoList.json().items[0]).toMatchObject({
      id: p.id,
      requestedBy: berlin.id,
      requesterName: expect.stringMatching(/^lecturer \d+$/),
    });
    expect(p.requesterName).toBe(kyotoList.json().items[0].requesterName);
    const kyotoNotes = (await t.repositories.notifications.listFor(kyoto.id, 50)).items;
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
    const berlinNotes = (await t.repositories.notifications.listFor(berlin.id, 50)).items;
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

  it('opens the conversation with the request’s message as its first message', async () => {
    const { berlin, kyoto, a, b } = await pair();
    const p = (
      await post('/api/partnerships', berlin.cookie, {
        offerId: a.id,
        partnerOfferId: b.id,
        message: '  Shall we run this together?  ',
      })
    ).json();
    const history = await api(t, 'GET', `/api/conversations/${p.conversationId}/messages`, {
      cookie: kyoto.cookie,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([
      {
        id: expect.any(String),
        conversationId: p.conversationId,
        seq: 1,
        authorId: berlin.id,
        body: 'Shall we run this together?',
        clientMessageId: expect.any(String),
        createdAt: clock.current.toISOString(),
      },
    ]);
    const conversation = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie } }))
        .json()
        .items.find((c: { id: string }) => c.id === p.conversationId);
    // New to the partner; the requester wrote it, so it is read on their side.
    expect(await conversation(kyoto.cookie)).toMatchObject({
      unread: 1,
      lastMessage: { seq: 1, body: 'Shall we run this together?' },
    });
    expect(await conversation(berlin.cookie)).toMatchObject({ unread: 0 });

    // A request without a message opens an empty conversation.
    const other = await postOffer(t, kyoto.cookie, { ...tokyo, title: 'A second Kyoto course' });
    const silent = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: other.id })
    ).json();
    expect(await conversation(kyoto.cookie)).toBeDefined();
    const empty = await api(t, 'GET', `/api/conversations/${silent.conversationId}/messages`, {
      cookie: kyoto.cookie,
    });
    expect(empty.json().items).toEqual([]);
  });

  it('names both offers and who acted in every notification of a partnership', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const a = await postOffer(t, berlin.cookie, { title: 'Climate-ready cities' });
    const b = await postOffer(t, kyoto.cookie, { ...tokyo, title: 'Cities and climate' });
    const names = (await Promise.all(
      [berlin, kyoto].map(
        async (who) =>
          (
            await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: who.cookie } })
          ).json().user.name as string,
      ),
    )) as [string, string];
    const latest = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } })).json()
        .items[0];
    const both = {
      offerId: a.id,
      offerTitle: 'Climate-ready cities',
      partnerOfferId: b.id,
      partnerOfferTitle: 'Cities and climate',
    };
    const p = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    expect(await latest(kyoto.cookie)).toMatchObject({
      kind: 'partnership_requested',
      payload: { partnershipId: p.id, ...both, fromId: berlin.id, fromName: names[0] },
    });
    clock.advanceDays(1);
    await post(`/api/partnerships/${p.id}/accept`, kyoto.cookie);
    expect(await latest(berlin.cookie)).toMatchObject({
      kind: 'partnership_decided',
      payload: {
        partnershipId: p.id,
        ...both,
        status: 'accepted',
        byId: kyoto.id,
        byName: names[1],
      },
    });
    clock.advanceDays(1);
    await post(`/api/partnerships/${p.id}/complete`, berlin.cookie, { studentsA: 3, studentsB: 4 });
    expect(await latest(kyoto.cookie)).toMatchObject({
      kind: 'partnership_completed',
      payload: { partnershipId: p.id, ...both, byId: berlin.id, byName: names[0] },
    });
  });
});

describe('the partnerships of a hidden offer', () => {
  /** Berlin's offer `a` has an agreed partnership with `b` and a pending request to `c`. */
  async function hiddenWithPartnerships() {
    const { berlin, kyoto, a, b } = await pair();
    const osaka = await lecturerAt(t, 'inst-kyoto');
    const c = await postOffer(t, osaka.cookie, { ...tokyo, title: 'Osaka course' });
    const agreed = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    expect((await post(`/api/partnerships/${agreed.id}/accept`, kyoto.cookie)).statusCode).toBe(
      200,
    );
    // A matched offer takes no new requests: `c` asks one of Berlin's open offers instead.
    const open = await postOffer(t, berlin.cookie, { title: 'Second Munich course' });
    const pending = (
      await post('/api/partnerships', osaka.cookie, { offerId: c.id, partnerOfferId: open.id })
    ).json();
    expect(pending.status).toBe('pending');
    const sec = await secretariat(t);
    for (const id of [a.id, open.id]) {
      const hidden = await post(`/api/offers/${id}/hide`, sec.cookie, { reason: 'Spam' });
      expect(hidden.statusCode).toBe(200);
    }
    return { berlin, kyoto, osaka, a, b, c, agreed, pending };
  }

  it('answers every step clearly, never with a server error', async () => {
    const { berlin, kyoto, osaka, agreed, pending } = await hiddenWithPartnerships();
    // The pending request was closed with the offer: deciding or withdrawing it is a 409 that
    // says why.
    for (const [step, who] of [
      ['accept', berlin],
      ['decline', berlin],
      ['withdraw', osaka],
    ] as const) {
      const res = await post(`/api/partnerships/${pending.id}/${step}`, who.cookie);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(409);
      expect(res.json().error.message).toMatch(
        /^The partnership is withdrawn \(the offer “Second Munich course” has been taken down by the secretariat\)/,
      );
    }
    // The agreed partnership stays, and both sides keep working on it.
    expect((await post(`/api/partnerships/${agreed.id}/accept`, kyoto.cookie)).statusCode).toBe(
      409,
    );
    expect((await post(`/api/partnerships/${agreed.id}/withdraw`, berlin.cookie)).statusCode).toBe(
      409,
    );
    const done = await post(`/api/partnerships/${agreed.id}/complete`, berlin.cookie, {
      studentsA: 12,
      studentsB: 14,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', studentsA: 12, studentsB: 14 });
    // Listed for the owner of the hidden offer and for the other side.
    const ids = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/partnerships', headers: { cookie } }))
        .json()
        .items.map((p: { id: string }) => p.id)
        .sort();
    expect(await ids(berlin.cookie)).toEqual([agreed.id, pending.id].sort());
    expect(await ids(kyoto.cookie)).toEqual([agreed.id]);
    expect(await ids(osaka.cookie)).toEqual([pending.id]);
  });

  it('keeps the conversation of an agreed partnership open to both sides', async () => {
    const { berlin, kyoto, agreed } = await hiddenWithPartnerships();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = await TestSocket.open(base, berlin.cookie);
    try {
      socket.send({
        type: 'send',
        conversationId: agreed.conversationId,
        clientMessageId: 'after-hiding',
        body: 'Still on for next week?',
      });
      const ack = await socket.next((f) => f.type === 'ack' || f.type === 'error');
      expect(ack).toMatchObject({ type: 'ack', message: { body: 'Still on for next week?' } });
    } finally {
      socket.close();
    }
    const history = await api(t, 'GET', `/api/conversations/${agreed.conversationId}/messages`, {
      cookie: kyoto.cookie,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((m: { body: string }) => m.body)).toEqual([
      'Still on for next week?',
    ]);
  });

  it('lets a request left pending on an offer hidden earlier be declined, not accepted', async () => {
    // Offers hidden before hiding closed their requests: hidden straight in the database.
    const { berlin, kyoto, a, b } = await pair();
    const p = (
      await post('/api/partnerships', berlin.cookie, { offerId: a.id, partnerOfferId: b.id })
    ).json();
    await hideOfferOnly(t.file, a.id, clock.now(), 'Spam');
    const accepted = await post(`/api/partnerships/${p.id}/accept`, kyoto.cookie);
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().error.message).toBe(
      'This request cannot be accepted: the offer “Software engineering across time zones” has been taken down by the secretariat.',
    );
    const declined = await post(`/api/partnerships/${p.id}/decline`, kyoto.cookie);
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    const notes = (await api(t, 'GET', '/api/notifications', { cookie: berlin.cookie })).json()
      .items;
    expect(notes[0]).toMatchObject({
      kind: 'partnership_decided',
      payload: { status: 'declined', offerTitle: 'Software engineering across time zones' },
    });
  });
});

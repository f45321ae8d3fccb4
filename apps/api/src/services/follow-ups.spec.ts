// Requests nobody answers, with the clock moved (not by waiting): one reminder at 3 days, expiry
// at 14 with both sides told, and each done once even when two processes run it at once.
import { describe, expect, it } from 'vitest';
import { testDialect } from '@twinning/db/testing/database-template';
import { lecturerAt, postOffer } from '../testing/actors.ts';
import { appForEachTest } from '../testing/app-for-each-test.ts';
import { api } from '../testing/api-request.ts';
import { createSecondApp, type TestApp, type TestClock } from '../testing/test-app.ts';

let t: TestApp;
let clock: TestClock;
appForEachTest((fresh) => ({ t, clock } = fresh));

const tokyo = { timeZone: 'Asia/Tokyo', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] };

async function request() {
  const berlin = await lecturerAt(t, 'inst-tum');
  const kyoto = await lecturerAt(t, 'inst-kyoto');
  const a = await postOffer(t, berlin.cookie);
  const b = await postOffer(t, kyoto.cookie, tokyo);
  const res = await api(t, 'POST', '/api/partnerships', {
    cookie: berlin.cookie,
    payload: { offerId: a.id, partnerOfferId: b.id, message: 'Shall we?' },
  });
  expect(res.statusCode).toBe(201);
  return { berlin, kyoto, a, b, partnershipId: res.json().id as string };
}

const kindsOf = async (userId: string) =>
  (await t.repositories.notifications.listFor(userId, 50)).items.map((n) => n.kind);

describe('partnership follow-ups', () => {
  it('reminds the one asked once at 3 days, and expires the request at 14, telling both', async () => {
    const { berlin, kyoto, a, b, partnershipId } = await request();

    clock.advanceDays(2.9);
    expect(await t.app.followUps.run()).toEqual({ expired: 0, reminded: 0 });
    clock.advanceDays(0.1);
    expect(await t.app.followUps.run()).toEqual({ expired: 0, reminded: 1 });
    const [reminder] = (await t.repositories.notifications.listFor(kyoto.id, 1)).items;
    expect(reminder).toMatchObject({
      kind: 'partnership_reminder',
      payload: { partnershipId, offerId: a.id, partnerOfferId: b.id, fromId: berlin.id, days: 3 },
    });
    // Once: later runs before the 14th day remind of nothing.
    clock.advanceDays(5);
    expect(await t.app.followUps.run()).toEqual({ expired: 0, reminded: 0 });
    expect((await kindsOf(kyoto.id)).filter((k) => k === 'partnership_reminder')).toHaveLength(1);
    expect(await kindsOf(berlin.id)).not.toContain('partnership_reminder');

    clock.advanceDays(6);
    expect(await t.app.followUps.run()).toEqual({ expired: 1, reminded: 0 });
    const listed = await api(t, 'GET', '/api/partnerships', { cookie: berlin.cookie });
    expect(listed.json().items).toMatchObject([{ id: partnershipId, status: 'expired' }]);
    // Both sides are told; the requester's names its own offer, for the next best partners.
    const [toRequester] = (await t.repositories.notifications.listFor(berlin.id, 1)).items;
    expect(toRequester).toMatchObject({
      kind: 'partnership_expired',
      payload: { partnershipId, offerId: a.id, side: 'requester', days: 14 },
    });
    const [toRecipient] = (await t.repositories.notifications.listFor(kyoto.id, 1)).items;
    expect(toRecipient).toMatchObject({
      kind: 'partnership_expired',
      payload: { partnershipId, side: 'recipient' },
    });
    // An expired request can no longer be answered, and leaves room for a new one.
    const late = await api(t, 'POST', `/api/partnerships/${partnershipId}/accept`, {
      cookie: kyoto.cookie,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('expired');
    const again = await api(t, 'POST', '/api/partnerships', {
      cookie: berlin.cookie,
      payload: { offerId: a.id, partnerOfferId: b.id },
    });
    expect(again.statusCode).toBe(201);
    expect(await t.app.followUps.run()).toEqual({ expired: 0, reminded: 0 });
  });

  it('leaves answered requests alone, and expires one never reminded without a reminder', async () => {
    const answered = await request();
    expect(
      (
        await api(t, 'POST', `/api/partnerships/${answered.partnershipId}/decline`, {
          cookie: answered.kyoto.cookie,
          payload: {},
        })
      ).statusCode,
    ).toBe(200);
    const waiting = await request();
    // The platform was down for a fortnight: the request expires, with no reminder first.
    clock.advanceDays(20);
    expect(await t.app.followUps.run()).toEqual({ expired: 1, reminded: 0 });
    expect(await kindsOf(waiting.kyoto.id)).toEqual([
      'partnership_expired',
      'partnership_requested',
    ]);
    expect(await kindsOf(answered.berlin.id)).toEqual(['partnership_decided']);
  });

  it('does each once when two processes run it', async () => {
    const requests = [await request(), await request(), await request()];
    const second = await createSecondApp(t, {}, clock);
    // At the same time on PostgreSQL. SQLite's processes take turns at its one write lock (a
    // second process waits in busy_timeout); two connections in this one test process cannot
    // wait for each other that way, so here they run one after the other.
    const both = async () => {
      if (testDialect() === 'postgres') {
        return Promise.all([t.app.followUps.run(), second.app.followUps.run()]);
      }
      return [await t.app.followUps.run(), await second.app.followUps.run()];
    };
    try {
      clock.advanceDays(3);
      const [onA, onB] = await both();
      expect(onA!.reminded + onB!.reminded).toBe(3);
      clock.advanceDays(11);
      const [laterA, laterB] = await both();
      expect(laterA!.expired + laterB!.expired).toBe(3);
      for (const { kyoto, berlin } of requests) {
        expect(await kindsOf(kyoto.id)).toEqual([
          'partnership_expired',
          'partnership_reminder',
          'partnership_requested',
        ]);
        expect(await kindsOf(berlin.id)).toEqual(['partnership_expired']);
      }
    } finally {
      await second.close();
    }
  });
});

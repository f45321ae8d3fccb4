// Moderation: the queue and its counts, suspending accounts and hiding offers with a reason,
// and what hiding does to the offer's partnership requests and to the people on both sides.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lecturerAt, postOffer, secretariat, signUp } from '../testing/actors.ts';
import { api } from '../testing/api-request.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let sec: { cookie: string };

beforeEach(async () => {
  t = await createTestApp({}, new TestClock());
  sec = await secretariat(t);
});
afterEach(async () => {
  await t.close();
});

function get(url: string, cookie = sec.cookie) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

function post(url: string, cookie: string, payload?: Record<string, unknown>) {
  return api(t, 'POST', url, { cookie, payload });
}

const tokyo = { timeZone: 'Asia/Tokyo', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] };

describe('the moderation queue', () => {
  it('counts the institutions waiting for verification as the verification queue lists them', async () => {
    // One registered by its admin, one directory entry claimed by an admin: both wait.
    const admin = await signUp(t, 'institution_admin');
    const created = await post('/api/institutions', admin.cookie, {
      name: 'National University of Laos',
      country: 'LA',
      domains: ['nuol.edu.la'],
      type: 'university',
    });
    expect(created.statusCode, created.body).toBe(201);
    await signUp(t, 'institution_admin', {
      institutionId: 'inst-akbild',
      email: 'admin@akbild.ac.at',
    });
    // An unverified directory entry nobody claimed waits for nobody.
    const queue = (await get('/api/institutions?awaitingVerification=true&limit=100')).json();
    expect(queue.items).toHaveLength(2);
    expect((await get('/api/moderation')).json().pendingInstitutions).toBe(2);

    await post(`/api/institutions/${created.json().id}/verify`, sec.cookie);
    expect((await get('/api/moderation')).json().pendingInstitutions).toBe(1);
  });

  it('leaves out, as the verification queue does, institutions refused or waiting for an answer', async () => {
    const ids: string[] = [];
    for (const [name, domain] of [
      ['Phantom College', 'phantom.example'],
      ['Royal University', 'rupp.example'],
      ['National University of Laos', 'nuol.edu.la'],
    ]) {
      const admin = await signUp(t, 'institution_admin', { email: `admin@${domain}` });
      const created = await post('/api/institutions', admin.cookie, {
        name,
        country: 'LA',
        domains: [domain],
        type: 'university',
      });
      expect(created.statusCode, created.body).toBe(201);
      ids.push(created.json().id);
    }
    const [refused, asked] = ids;
    const counts = async () => ({
      moderation: (await get('/api/moderation')).json().pendingInstitutions,
      queue: (await get('/api/verification-queue?limit=100')).json().items.length,
      directory: (await get('/api/institutions?awaitingVerification=true&limit=100')).json().items
        .length,
    });
    expect(await counts()).toEqual({ moderation: 3, queue: 3, directory: 3 });

    const refuse = await post(`/api/institutions/${refused}/refuse`, sec.cookie, { reason: 'No.' });
    expect(refuse.statusCode, refuse.body).toBe(200);
    const ask = await post(`/api/institutions/${asked}/request-information`, sec.cookie, {
      question: 'Which ministry accredits you?',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect(await counts()).toEqual({ moderation: 1, queue: 1, directory: 1 });
  });

  it('lists pending affiliations, and refuses to suspend the secretariat', async () => {
    await signUp(t, 'lecturer', { institutionId: 'inst-kyoto' });
    const list = (await get('/api/moderation')).json();
    expect(list.pendingAffiliations).toMatchObject([
      { institutionId: 'inst-kyoto', role: 'lecturer' },
    ]);
    const me = (await get('/api/me')).json();
    const refused = await post(`/api/users/${me.user.id}/suspend`, sec.cookie, { reason: 'x' });
    expect(refused.statusCode).toBe(403);
  });

  it('is for the secretariat only', async () => {
    const lecturer = await lecturerAt(t, 'inst-tum');
    expect((await get('/api/moderation', lecturer.cookie)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/moderation' })).statusCode).toBe(401);
  });
});

describe('suspending accounts', () => {
  it('suspends an account with its reason (sessions end), and restores it', async () => {
    const student = await signUp(t, 'student', { email: 'spammer@example.org' });
    const lecturerCookie = (await lecturerAt(t, 'inst-tum')).cookie;
    const suspend = await post(`/api/users/${student.id}/suspend`, sec.cookie, {
      reason: 'Spam in messages',
    });
    expect(suspend.json()).toEqual({ id: student.id, suspended: true, reason: 'Spam in messages' });
    expect((await get('/api/me', student.cookie)).statusCode).toBe(401);
    const list = (await get('/api/moderation')).json();
    expect(list.suspendedUsers).toMatchObject([{ id: student.id, reason: 'Spam in messages' }]);
    const blank = await post(`/api/users/${student.id}/suspend`, sec.cookie, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    // The secretariat usually knows an account by its email address (any case).
    const find = (email: string, cookie = sec.cookie) =>
      post('/api/moderation/accounts/find', cookie, { email });
    const found = await find('Spammer@Example.org');
    expect(found.json()).toEqual({
      id: student.id,
      name: expect.any(String),
      email: 'spammer@example.org',
      role: 'student',
      suspended: true,
    });
    expect((await find('nobody@example.org')).statusCode).toBe(404);
    expect((await find('spammer@example.org', lecturerCookie)).statusCode).toBe(403);
    const restore = await post(`/api/users/${found.json().id}/unsuspend`, sec.cookie);
    expect(restore.json()).toEqual({ id: student.id, suspended: false, reason: null });
    expect((await get('/api/moderation')).json().suspendedUsers).toEqual([]);
  });
});

describe('hiding offers', () => {
  it('hides an offer with its reason: it leaves the catalogue; shows it again', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, owner.cookie);
    const hide = await post(`/api/offers/${offer.id}/hide`, sec.cookie, {
      reason: 'Duplicate of another offer',
    });
    expect(hide.json()).toEqual({
      id: offer.id,
      hidden: true,
      reason: 'Duplicate of another offer',
    });
    expect((await get(`/api/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await get('/api/moderation')).json().hiddenOffers).toMatchObject([
      { id: offer.id, reason: 'Duplicate of another offer' },
    ]);
    await post(`/api/offers/${offer.id}/unhide`, sec.cookie);
    expect((await get(`/api/offers/${offer.id}`)).statusCode).toBe(200);
    const missing = await post('/api/offers/nope/hide', sec.cookie, { reason: 'x' });
    expect(missing.statusCode).toBe(404);
  });

  it('tells the owner why the offer was taken down, and when it is listed again', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, owner.cookie, { title: 'Urban heat islands' });
    await post(`/api/offers/${offer.id}/hide`, sec.cookie, { reason: 'Advertises a paid course' });
    // Hiding it again (a corrected reason) does not tell the owner twice.
    await post(`/api/offers/${offer.id}/hide`, sec.cookie, { reason: 'Advertises a paid course.' });
    await post(`/api/offers/${offer.id}/unhide`, sec.cookie);
    const notes: { kind: string }[] = (await get('/api/notifications', owner.cookie)).json().items;
    expect(notes.map((n) => n.kind).sort()).toEqual(['offer_hidden', 'offer_shown']);
    expect(notes.find((n) => n.kind === 'offer_hidden')).toMatchObject({
      payload: {
        offerId: offer.id,
        offerTitle: 'Urban heat islands',
        reason: 'Advertises a paid course',
        closedRequests: 0,
      },
    });
    expect(notes.find((n) => n.kind === 'offer_shown')).toMatchObject({
      payload: { offerId: offer.id, offerTitle: 'Urban heat islands' },
    });
  });

  it('closes the offer’s pending requests, tells the other side why, and keeps agreed partnerships', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const osaka = await lecturerAt(t, 'inst-kyoto');
    const hidden = await postOffer(t, berlin.cookie, { title: 'Offer to be hidden' });
    const asked = await postOffer(t, kyoto.cookie, { ...tokyo, title: 'Asked by the hidden one' });
    const asking = await postOffer(t, osaka.cookie, { ...tokyo, title: 'Asking the hidden one' });
    const sent = await post('/api/partnerships', berlin.cookie, {
      offerId: hidden.id,
      partnerOfferId: asked.id,
    });
    const received = await post('/api/partnerships', osaka.cookie, {
      offerId: asking.id,
      partnerOfferId: hidden.id,
    });
    expect(sent.statusCode).toBe(201);
    expect(received.statusCode).toBe(201);

    const hide = await post(`/api/offers/${hidden.id}/hide`, sec.cookie, { reason: 'Spam' });
    expect(hide.statusCode).toBe(200);

    const status = async (id: string, cookie: string) =>
      (await get('/api/partnerships?status=withdrawn', cookie))
        .json()
        .items.find((p: { id: string }) => p.id === id)?.status;
    expect(await status(sent.json().id, kyoto.cookie)).toBe('withdrawn');
    expect(await status(received.json().id, osaka.cookie)).toBe('withdrawn');
    // The owner of the hidden offer still sees both.
    expect(await status(sent.json().id, berlin.cookie)).toBe('withdrawn');
    expect(await status(received.json().id, berlin.cookie)).toBe('withdrawn');

    const closedNote = async (cookie: string) =>
      (await get('/api/notifications', cookie))
        .json()
        .items.find((n: { kind: string }) => n.kind === 'partnership_closed');
    expect(await closedNote(kyoto.cookie)).toMatchObject({
      payload: {
        partnershipId: sent.json().id,
        offerTitle: 'Offer to be hidden',
        partnerOfferTitle: 'Asked by the hidden one',
        reason: 'offer_hidden',
        hiddenOfferId: hidden.id,
        hiddenOfferTitle: 'Offer to be hidden',
      },
    });
    expect(await closedNote(osaka.cookie)).toMatchObject({
      payload: { partnershipId: received.json().id, hiddenOfferTitle: 'Offer to be hidden' },
    });
    const ownerNotes: { kind: string }[] = (await get('/api/notifications', berlin.cookie)).json()
      .items;
    expect(ownerNotes.find((n) => n.kind === 'offer_hidden')).toMatchObject({
      payload: { reason: 'Spam', closedRequests: 2 },
    });
    // The owner of the hidden offer is not told their own requests were closed.
    expect(ownerNotes.some((n) => n.kind === 'partnership_closed')).toBe(false);

    // Nothing new reaches a hidden offer.
    const again = await post('/api/partnerships', osaka.cookie, {
      offerId: asking.id,
      partnerOfferId: hidden.id,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toBe('No such partner offer.');
  });
});

// The secretariat's review of an institution an admin registered: the queue names who asked and
// when; the secretariat verifies it, refuses it with a reason, or asks for more information; the
// admin is told each time, and an answer puts the institution back in the queue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretariat, signUp } from '../testing/actors.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let clock: TestClock;
beforeEach(async () => {
  clock = new TestClock(new Date('2026-09-01T08:00:00Z'));
  t = await createTestApp({}, clock);
});
afterEach(async () => {
  await t.close();
});

async function call(
  method: 'GET' | 'POST',
  url: string,
  cookie?: string,
  payload?: Record<string, unknown>,
) {
  return t.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
}

/** An admin who registers an institution, which then waits for the secretariat. */
async function registered(name: string, email: string) {
  const admin = await signUp(t, 'institution_admin', { email, name: `Admin of ${name}` });
  const res = await call('POST', '/api/institutions', admin.cookie, {
    name,
    country: 'KH',
    city: 'Phnom Penh',
    website: 'https://www.example.edu.kh',
    domains: [`${name.toLowerCase().replace(/\W+/g, '')}.edu.kh`],
    type: 'university',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { admin, institution: res.json() as { id: string; name: string } };
}

async function notesOf(userId: string) {
  return (await t.repositories.notifications.listFor(userId, 50)).items;
}

async function queue(cookie: string, status = '') {
  const res = await call(
    'GET',
    `/api/verification-queue${status ? `?status=${status}` : ''}`,
    cookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: {
      institution: { id: string; name: string };
      requestedBy: { name: string; email: string } | null;
      requestedAt: string;
      review: { status: string; note: string | null; answer: string | null };
    }[];
    nextCursor: string | null;
  };
}

describe('the verification queue', () => {
  it('names who asked for each institution and when, oldest first', async () => {
    const first = await registered('Royal University of Phnom Penh', 'dara@rupp.example');
    clock.current = new Date(clock.current.getTime() + 60_000);
    await registered('Institute of Technology of Cambodia', 'sok@itc.example');
    const sec = await secretariat(t);
    const { items } = await queue(sec.cookie);
    expect(items.map((i) => i.institution.name)).toEqual([
      'Royal University of Phnom Penh',
      'Institute of Technology of Cambodia',
    ]);
    expect(items[0]).toMatchObject({
      requestedBy: { name: 'Admin of Royal University of Phnom Penh', email: 'dara@rupp.example' },
      requestedAt: '2026-09-01T08:00:00.000Z',
      review: { status: 'pending', note: null, answer: null },
    });
    expect(items[0]!.institution.id).toBe(first.institution.id);

    // Pages with a cursor, each once.
    const page1 = (await call('GET', '/api/verification-queue?limit=1', sec.cookie)).json();
    const page2 = (
      await call('GET', `/api/verification-queue?limit=1&cursor=${page1.nextCursor}`, sec.cookie)
    ).json();
    expect([page1.items[0].institution.name, page2.items[0].institution.name]).toEqual([
      'Royal University of Phnom Penh',
      'Institute of Technology of Cambodia',
    ]);
    expect(page2.nextCursor).toBeNull();
    const bad = await call('GET', '/api/verification-queue?cursor=nonsense', sec.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('cursor');
    const status = await call('GET', '/api/verification-queue?status=lost', sec.cookie);
    expect(status.statusCode).toBe(400);
    expect(status.json().error.details[0].field).toBe('status');
  });

  it('is for the secretariat only', async () => {
    const { admin } = await registered('Royal University of Phnom Penh', 'dara@rupp.example');
    expect((await call('GET', '/api/verification-queue')).statusCode).toBe(401);
    expect((await call('GET', '/api/verification-queue', admin.cookie)).statusCode).toBe(403);
  });
});

describe('refusing an institution', () => {
  it('takes it out of the queue and tells its admin why', async () => {
    const { admin, institution } = await registered('Phantom College', 'x@phantom.example');
    const sec = await secretariat(t);
    const url = `/api/institutions/${institution.id}/refuse`;
    const res = await call('POST', url, sec.cookie, { reason: '  No such college exists.  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      institutionId: institution.id,
      verified: false,
      status: 'refused',
      note: 'No such college exists.',
    });
    expect((await queue(sec.cookie)).items).toEqual([]);
    expect((await queue(sec.cookie, 'refused')).items.map((i) => i.institution.id)).toEqual([
      institution.id,
    ]);
    const [note] = await notesOf(admin.id);
    expect(note).toMatchObject({
      kind: 'institution_refused',
      payload: {
        institutionId: institution.id,
        institutionName: 'Phantom College',
        reason: 'No such college exists.',
      },
    });
    // The admin reads why; refusing twice is a conflict.
    const review = await call('GET', `/api/institutions/${institution.id}/review`, admin.cookie);
    expect(review.json()).toMatchObject({ status: 'refused', note: 'No such college exists.' });
    const again = await call('POST', url, sec.cookie, { reason: 'Still no.' });
    expect(again.statusCode).toBe(409);
    expect(await notesOf(admin.id)).toHaveLength(1);
  });

  it('needs a reason, the secretariat and an unverified institution', async () => {
    const { admin, institution } = await registered('Phantom College', 'x@phantom.example');
    const sec = await secretariat(t);
    const url = `/api/institutions/${institution.id}/refuse`;
    const blank = await call('POST', url, sec.cookie, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details).toEqual([{ field: 'reason', message: 'must not be empty' }]);
    const missing = await call('POST', url, sec.cookie, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('reason');
    const long = await call('POST', url, sec.cookie, { reason: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect((await call('POST', url, admin.cookie, { reason: 'mine' })).statusCode).toBe(403);
    expect((await call('POST', url, undefined, { reason: 'anon' })).statusCode).toBe(401);
    const none = await call('POST', '/api/institutions/none/refuse', sec.cookie, { reason: 'x' });
    expect(none.statusCode).toBe(404);
    await call('POST', `/api/institutions/${institution.id}/verify`, sec.cookie);
    const verified = await call('POST', url, sec.cookie, { reason: 'Too late.' });
    expect(verified.statusCode).toBe(409);
    expect(verified.json().error.message).toMatch(/verified already/);
    // Nothing half-written: still verified, still pending review.
    const review = await call('GET', `/api/institutions/${institution.id}/review`, sec.cookie);
    expect(review.json()).toMatchObject({ verified: true, status: 'pending', note: null });
    // The admin was told about the verification, nothing else.
    expect((await notesOf(admin.id)).map((n) => n.kind)).toEqual(['institution_verified']);
  });
});

describe('asking for more information', () => {
  it('waits for the admin, whose answer puts the institution back in the queue', async () => {
    const { admin, institution } = await registered('Royal University', 'dara@rupp.example');
    const sec = await secretariat(t);
    const ask = await call(
      'POST',
      `/api/institutions/${institution.id}/request-information`,
      sec.cookie,
      { question: 'Which ministry accredits you?' },
    );
    expect(ask.statusCode, ask.body).toBe(200);
    expect(ask.json()).toMatchObject({
      status: 'info_requested',
      note: 'Which ministry accredits you?',
    });
    expect((await queue(sec.cookie)).items).toEqual([]);
    expect((await queue(sec.cookie, 'info_requested')).items).toHaveLength(1);
    expect((await notesOf(admin.id))[0]).toMatchObject({
      kind: 'institution_info_requested',
      payload: { institutionName: 'Royal University', question: 'Which ministry accredits you?' },
    });

    // Only its own admin answers, with some text.
    const other = await signUp(t, 'institution_admin');
    const answerUrl = `/api/institutions/${institution.id}/answer`;
    expect((await call('POST', answerUrl, other.cookie, { answer: 'Me!' })).statusCode).toBe(403);
    expect((await call('POST', answerUrl, sec.cookie, { answer: 'Me!' })).statusCode).toBe(403);
    const empty = await call('POST', answerUrl, admin.cookie, { answer: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('answer');

    clock.current = new Date(clock.current.getTime() + 3_600_000);
    const answer = await call('POST', answerUrl, admin.cookie, {
      answer: 'The Ministry of Education, Youth and Sport.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      status: 'pending',
      note: 'Which ministry accredits you?',
      answer: 'The Ministry of Education, Youth and Sport.',
      answeredAt: '2026-09-01T09:00:00.000Z',
    });
    const [back] = (await queue(sec.cookie)).items;
    expect(back).toMatchObject({
      institution: { id: institution.id },
      review: {
        status: 'pending',
        note: 'Which ministry accredits you?',
        answer: 'The Ministry of Education, Youth and Sport.',
      },
    });
    // Answering again, with nothing asked, is a conflict.
    const twice = await call('POST', answerUrl, admin.cookie, { answer: 'Again' });
    expect(twice.statusCode).toBe(409);

    // Now verified: the admin is told.
    const ok = await call('POST', `/api/institutions/${institution.id}/verify`, sec.cookie);
    expect(ok.statusCode).toBe(200);
    expect((await queue(sec.cookie)).items).toEqual([]);
    expect((await notesOf(admin.id)).map((n) => n.kind).sort()).toEqual([
      'institution_info_requested',
      'institution_verified',
    ]);
  });

  it('needs a question; other people may not read the review', async () => {
    const { institution } = await registered('Royal University', 'dara@rupp.example');
    const sec = await secretariat(t);
    const url = `/api/institutions/${institution.id}/request-information`;
    const blank = await call('POST', url, sec.cookie, { question: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('question');
    const student = await signUp(t, 'student');
    const review = `/api/institutions/${institution.id}/review`;
    expect((await call('GET', review, student.cookie)).statusCode).toBe(403);
    expect((await call('GET', review)).statusCode).toBe(401);
    expect((await call('GET', '/api/institutions/none/review', sec.cookie)).statusCode).toBe(404);
  });
});

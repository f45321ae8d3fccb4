// The verified-e-mail gate (API.md, "Accounts, e-mail and people"): until its address is verified
// an account signs in, browses and edits its own profile, and nothing that acts in anyone's name
// — offers, applications, partnership requests and answers, institutions, conversations and
// messages — answers 403 `email_unverified`, saying what to do; nothing is stored. Once the link
// of the mail is followed, the same request works. The `api-pg` project runs this on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from '@twinning/db/client';
import {
  lecturerAt,
  offerBody,
  postOffer,
  secretariat,
  signUp,
  tryPostOffer,
  verifyEmailOf,
} from '../testing/actors.ts';
import { api } from '../testing/api-request.ts';
import { createTestApp, TestClock, type TestApp } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';

let t: TestApp;
let base: string;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  t = await createTestApp({ wsHeartbeatMs: 60_000 }, new TestClock());
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await t.close();
});

let counter = 0;
/** A new account at the state sign-up leaves it in: signed in, its address not verified. */
async function unverified(
  role: 'student' | 'lecturer' | 'institution_admin',
  options: { email?: string; institutionId?: string } = {},
) {
  const email = options.email ?? `${role}-gate${++counter}@example.org`;
  const account = await signUp(t, role, { ...options, email, unverified: true });
  return { ...account, email };
}

/** A lecturer at TUM (affiliated by its domain) whose address is not verified yet. */
const unverifiedLecturer = () =>
  unverified('lecturer', { institutionId: 'inst-tum', email: `lecturer-gate${++counter}@tum.de` });

/** The reply is the gate's refusal, addressed to `email`, saying what to do. */
function expectGate(res: { statusCode: number; body: string; json(): unknown }, email: string) {
  expect(res.statusCode, res.body).toBe(403);
  const { error } = res.json() as { error: { code: string; message: string } };
  expect(error.code).toBe('email_unverified');
  expect(error.message).toMatch(/^Confirm your e-mail address before you /);
  expect(error.message).toContain(email);
  expect(error.message).toContain('send the link again');
}

const kyotoTimes = {
  timeZone: 'Asia/Tokyo',
  windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
};

/**
 * Clears an account's verification, as a changed address would, so an account that owns offers
 * and requests meets the gate (`restore`: sets it again, as its new link would).
 */
async function forgetVerification(userId: string, restore = false) {
  const at = restore ? Date.now() : null;
  const handle = await connectDatabase(t.file);
  if (handle.dialect === 'sqlite') {
    handle.sqlite.prepare('update users set email_verified_at = ? where id = ?').run(at, userId);
  } else {
    const value = at === null ? null : new Date(at);
    await handle.pool.query('update users set email_verified_at = $1 where id = $2', [
      value,
      userId,
    ]);
  }
  await closeDatabase(handle);
}

describe('until the address is verified', () => {
  it('signs in, browses and edits its own profile and settings', async () => {
    const lecturer = await unverifiedLecturer();
    const me = await api(t, 'GET', '/api/me', { cookie: lecturer.cookie });
    expect(me.json().user).toMatchObject({ id: lecturer.id, emailVerified: false });
    for (const url of ['/api/offers', '/api/institutions', '/api/auth/sessions']) {
      const res = await api(t, 'GET', url, { cookie: lecturer.cookie });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    const edited = await api(t, 'PATCH', '/api/me', {
      cookie: lecturer.cookie,
      payload: { name: 'Dr. Jana Gate', bio: 'Teaching software engineering.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().user).toMatchObject({ name: 'Dr. Jana Gate', emailVerified: false });
    const loggedOut = await api(t, 'POST', '/api/auth/logout', { cookie: lecturer.cookie });
    expect(loggedOut.statusCode).toBe(204);
    const login = await api(t, 'POST', '/api/auth/login', {
      payload: { email: lecturer.email, password: 'a long password' },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.emailVerified).toBe(false);
  });

  it('posts no offer; after following the link it does', async () => {
    const lecturer = await unverifiedLecturer();
    expectGate(await tryPostOffer(t, lecturer.cookie, offerBody()), lecturer.email);
    const mine = await api(t, 'GET', '/api/offers?owner=me', { cookie: lecturer.cookie });
    expect(mine.json().items).toEqual([]);

    await verifyEmailOf(t, lecturer.id);
    expect((await tryPostOffer(t, lecturer.cookie, offerBody())).statusCode).toBe(201);
  });

  it('applies to no offer and decides on none; after following the link it does', async () => {
    const owner = await lecturerAt(t, 'inst-tum');
    const offer = await postOffer(t, owner.cookie);
    const student = await unverified('student');
    const apply = () =>
      api(t, 'POST', `/api/offers/${offer.id}/applications`, {
        cookie: student.cookie,
        payload: {
          motivation: 'I study computer science and want to work in an international team.',
        },
      });
    expectGate(await apply(), student.email);
    const mine = await api(t, 'GET', '/api/applications', { cookie: student.cookie });
    expect(mine.json().items).toEqual([]);

    await verifyEmailOf(t, student.id);
    const applied = await apply();
    expect(applied.statusCode).toBe(201);
    const id = applied.json().id as string;

    // The offer's owner answers no application while its address is not verified.
    await forgetVerification(owner.id);
    const ownerEmail = (await api(t, 'GET', '/api/me', { cookie: owner.cookie })).json().user
      .email as string;
    for (const step of ['accept', 'decline']) {
      expectGate(
        await api(t, 'POST', `/api/applications/${id}/${step}`, { cookie: owner.cookie }),
        ownerEmail,
      );
    }
    await forgetVerification(owner.id, true);
    const accepted = await api(t, 'POST', `/api/applications/${id}/accept`, {
      cookie: owner.cookie,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });

  it('requests no partner and answers no request', async () => {
    const berlin = await lecturerAt(t, 'inst-tum');
    const kyoto = await lecturerAt(t, 'inst-kyoto');
    const mine = await postOffer(t, berlin.cookie);
    const theirs = await postOffer(t, kyoto.cookie, kyotoTimes);
    const other = await postOffer(t, kyoto.cookie, { ...kyotoTimes, title: 'Data ethics' });

    // The requester's address is no longer verified: no request goes out in its name.
    await forgetVerification(berlin.id);
    const request = (partnerOfferId: string) =>
      api(t, 'POST', '/api/partnerships', {
        cookie: berlin.cookie,
        payload: { offerId: mine.id, partnerOfferId, message: 'Shall we?' },
      });
    const berlinEmail = (await api(t, 'GET', '/api/me', { cookie: berlin.cookie })).json().user
      .email as string;
    expectGate(await request(theirs.id), berlinEmail);
    const none = await api(t, 'GET', '/api/partnerships', { cookie: kyoto.cookie });
    expect(none.json().items).toEqual([]);
    expect((await t.repositories.notifications.listFor(kyoto.id, 10)).items).toEqual([]);

    // The one asked cannot answer in its name either: accepting and declining are refused.
    await forgetVerification(berlin.id, true);
    const first = await request(theirs.id);
    const second = await request(other.id);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    await forgetVerification(kyoto.id);
    const kyotoEmail = (await api(t, 'GET', '/api/me', { cookie: kyoto.cookie })).json().user
      .email as string;
    for (const [id, step] of [
      [first.json().id, 'accept'],
      [second.json().id, 'decline'],
    ]) {
      expectGate(
        await api(t, 'POST', `/api/partnerships/${id}/${step}`, { cookie: kyoto.cookie }),
        kyotoEmail,
      );
    }
    const pending = await api(t, 'GET', '/api/partnerships', { cookie: berlin.cookie });
    expect(pending.json().items.map((p: { status: string }) => p.status)).toEqual([
      'pending',
      'pending',
    ]);
    // Withdrawing one's own request acts for nobody else: it stays open to the requester.
    await forgetVerification(berlin.id);
    const withdrawn = await api(t, 'POST', `/api/partnerships/${second.json().id}/withdraw`, {
      cookie: berlin.cookie,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });

  it('registers no institution, edits none and decides on no affiliation; after following the link it does', async () => {
    const admin = await unverified('institution_admin');
    const body = {
      name: 'Hochschule Gate',
      country: 'DE',
      domains: ['hs-gate.de'],
      type: 'college',
    };
    expectGate(
      await api(t, 'POST', '/api/institutions', { cookie: admin.cookie, payload: body }),
      admin.email,
    );
    const listed = await api(t, 'GET', '/api/institutions?q=Gate');
    expect(listed.json().items).toEqual([]);

    await verifyEmailOf(t, admin.id);
    const created = await api(t, 'POST', '/api/institutions', {
      cookie: admin.cookie,
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    await forgetVerification(admin.id);
    expectGate(
      await api(t, 'PATCH', `/api/institutions/${id}`, {
        cookie: admin.cookie,
        payload: { name: 'Hochschule Renamed' },
      }),
      admin.email,
    );
    expect((await api(t, 'GET', `/api/institutions/${id}`)).json().name).toBe('Hochschule Gate');

    // Nor does it speak for the institution on who belongs to it: it sees who waits, and its
    // approval is refused until the address is verified again.
    const lecturer = await signUp(t, 'lecturer', { institutionId: id });
    const waiting = await api(t, 'GET', `/api/institutions/${id}/affiliations?status=pending`, {
      cookie: admin.cookie,
    });
    expect(waiting.statusCode, waiting.body).toBe(200);
    const [pending] = waiting.json().items as { id: string; userId: string }[];
    expect(pending?.userId).toBe(lecturer.id);
    for (const step of ['approve', 'refuse']) {
      expectGate(
        await api(t, 'POST', `/api/affiliations/${pending!.id}/${step}`, { cookie: admin.cookie }),
        admin.email,
      );
    }
    await forgetVerification(admin.id, true);
    const approved = await api(t, 'POST', `/api/affiliations/${pending!.id}/approve`, {
      cookie: admin.cookie,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('verified');
  });

  it('starts no conversation and sends no message; once verified the same socket sends', async () => {
    const student = await unverified('student');
    const office = await secretariat(t);
    const officeId = (await api(t, 'GET', '/api/me', { cookie: office.cookie })).json().user
      .id as string;
    expectGate(
      await api(t, 'POST', '/api/conversations', {
        cookie: student.cookie,
        payload: { userId: officeId },
      }),
      student.email,
    );
    // Others may write to the account (the secretariat to anyone); its answers wait.
    const started = await api(t, 'POST', '/api/conversations', {
      cookie: office.cookie,
      payload: { userId: student.id },
    });
    expect(started.statusCode, started.body).toBe(201);
    const conversationId = started.json().id as string;

    const socket = await TestSocket.open(base, student.cookie);
    sockets.push(socket);
    socket.send({ type: 'send', conversationId, clientMessageId: 'gate-1', body: 'Hello?' });
    const refused = await socket.next((f) => f.type === 'error' && f.ref === 'gate-1');
    expect(refused).toMatchObject({ code: 'email_unverified' });
    expect(refused.message).toContain(student.email);
    const history = await api(t, 'GET', `/api/conversations/${conversationId}/messages`, {
      cookie: office.cookie,
    });
    expect(history.json().items).toEqual([]);

    await verifyEmailOf(t, student.id);
    socket.send({ type: 'send', conversationId, clientMessageId: 'gate-2', body: 'Hello!' });
    const ack = await socket.next((f) => f.type === 'ack' && f.clientMessageId === 'gate-2');
    expect(ack.message).toMatchObject({ body: 'Hello!', authorId: student.id });
  });
});

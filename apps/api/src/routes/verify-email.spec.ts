// Verified e-mail (API.md, "Accounts, e-mail and people"): sign-up stores a single-use, 24-hour
// link (only its SHA-256) and its mail in the account's transaction; the mail arrives at a real
// SMTP server; following the link verifies the address once; resend sends a new one, a few an
// hour. The `api-pg` project runs this on PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf, tablesOf } from '@twinning/db/client';
import { secretariat, signUp as signUpActor, verifyEmailOf } from '../testing/actors.ts';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.ts';
import { createTestApp, sessionCookieOf, TestClock, type TestApp } from '../testing/test-app.ts';

let smtp: TestSmtp;
let t: TestApp;
let clock: TestClock;
let counter = 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

async function start() {
  clock = new TestClock();
  t = await createTestApp({ smtpUrl: smtp.url }, clock);
}

async function signUp(email = `ana${++counter}@example.org`) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email, password: 'a long password', name: 'Ana Example', role: 'student' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { email, cookie: sessionCookieOf(res.headers), user: res.json().user };
}

/** The token of the next verification mail to `email`, read from what the SMTP server got. */
async function tokenFromMail(email: string): Promise<string> {
  await t.app.mail.worker.wake();
  const mail = await smtp.next((m) => m.to === email);
  expect(mail.subject).toBe('Confirm your e-mail address for Twinning');
  const link = mail.links.find((l) => l.includes('/verify-email?token='));
  expect(link, mail.text).toBeDefined();
  expect(mail.html).toContain(link!);
  expect(mail.header('List-Unsubscribe')).toBeNull();
  return new URL(link!).searchParams.get('token')!;
}

const verify = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });

describe('verifying the address', () => {
  it('signs up unverified, mails a link, and the link verifies the address once', async () => {
    await start();
    const { email, cookie, user } = await signUp();
    expect(user.emailVerified).toBe(false);
    const token = await tokenFromMail(email);
    // Only the token's hash is stored, with 24 hours to live.
    const handle = await connectDatabase(t.file);
    const { emailTokens } = tablesOf(handle.dialect);
    const stored = await databaseOf(handle).select().from(emailTokens);
    await closeDatabase(handle);
    expect(stored).toEqual([
      expect.objectContaining({
        id: createHash('sha256').update(token).digest('hex'),
        purpose: 'verify_email',
        email,
        expiresAt: new Date(clock.current.getTime() + 24 * 3_600_000),
        usedAt: null,
      }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(token);

    const res = await verify(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, email, emailVerified: true });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().user.emailVerified).toBe(true);
    // Used: the same link again is refused.
    const again = await verify(token);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('refuses an expired or unknown link', async () => {
    await start();
    const { email, cookie } = await signUp();
    const token = await tokenFromMail(email);
    clock.current = new Date(clock.current.getTime() + 24 * 3_600_000 + 1);
    for (const bad of [token, 'not-a-token', token.slice(1)]) {
      const res = await verify(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_token' });
      expect(res.json().error.message).toMatch(/24 hours/);
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().user.emailVerified).toBe(false);
  });

  it('sends a new link on request, a few an hour, and none once verified', async () => {
    await start();
    const { email, cookie } = await signUp();
    const first = await tokenFromMail(email);
    const resend = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/verify-email/resend',
        headers: { cookie },
      });
    expect((await resend()).statusCode).toBe(204);
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    expect((await resend()).statusCode).toBe(204);
    expect((await resend()).statusCode).toBe(204);
    const limited = await resend();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // Each link works once (the first one too, within its day).
    expect((await verify(first)).statusCode).toBe(200);
    expect((await verify(second)).statusCode).toBe(200);
    expect((await verify(second)).statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/auth/verify-email/resend' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('stores no link and no mail when the account is not made', async () => {
    await start();
    const { email } = await signUp();
    const before = await t.repositories.mailOutbox.counts();
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email, password: 'a long password', name: 'Ana Again', role: 'student' },
    });
    expect(taken.statusCode).toBe(409);
    expect(await t.repositories.mailOutbox.counts()).toEqual(before);
  });
});

describe('the test helper', () => {
  it('verifies an account by the link of the mail in the outbox', async () => {
    t = await createTestApp();
    const { id, cookie } = await signUpActor(t, 'student', { unverified: true });
    const before = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(before.json().user.emailVerified).toBe(false);
    await verifyEmailOf(t, id);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().user.emailVerified).toBe(true);
  });
});

describe('accounts made by the operator', () => {
  it('are verified (admin:create makes secretariat accounts this way)', async () => {
    t = await createTestApp();
    const { cookie } = await secretariat(t);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().user.emailVerified).toBe(true);
  });
});

// Forgotten passwords (API.md, "Accounts, e-mail and people"; issue 13, item 4): a request is
// answered 202 whether or not the address has an account; the account's owner gets a mail, at a
// real SMTP server, with a single-use, 1-hour link (only its SHA-256 stored); using it sets the
// new password and ends every session of the user, closing their sockets. The `api-pg` project
// runs this on PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase, databaseOf, tablesOf } from '@twinning/db/client';
import { api, fieldsNamed } from '../testing/api-request.ts';
import { startTestSmtp, type TestSmtp } from '../testing/smtp.ts';
import { createTestApp, sessionCookieOf, TestClock, type TestApp } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';

let smtp: TestSmtp;
let t: TestApp;
let clock: TestClock;
let counter = 0;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await t?.close();
});

const oldPassword = 'violet harbour lantern cascade';
const newPassword = 'granite meadow pelican orchard';

async function start() {
  clock = new TestClock();
  t = await createTestApp({ smtpUrl: smtp.url }, clock);
}

async function signUp(email = `mia${++counter}@example.org`) {
  const res = await api(t, 'POST', '/api/auth/signup', {
    payload: { email, password: oldPassword, name: 'Mia Chen', role: 'student' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { email, cookie: sessionCookieOf(res.headers), id: res.json().user.id as string };
}

const askReset = (email: string) =>
  api(t, 'POST', '/api/auth/password-reset', { payload: { email } });
const confirm = (token: string, password = newPassword) =>
  api(t, 'POST', '/api/auth/password-reset/confirm', { payload: { token, password } });
const login = (email: string, password: string) =>
  api(t, 'POST', '/api/auth/login', { payload: { email, password } });

/** The token of the next reset mail to `email`, read from what the SMTP server got. */
async function tokenFromMail(email: string): Promise<string> {
  await t.app.mail.worker.wake();
  const mail = await smtp.next((m) => m.to === email && m.subject.includes('password'));
  expect(mail.subject).toBe('Reset your Twinning password');
  const link = mail.links.find((l) => l.includes('/reset-password?token='));
  expect(link, mail.text).toBeDefined();
  expect(mail.html).toContain(link!);
  expect(mail.text).toMatch(/1 hour/);
  // A security mail: no unsubscribe.
  expect(mail.header('List-Unsubscribe')).toBeNull();
  return new URL(link!).searchParams.get('token')!;
}

describe('asking for a reset link', () => {
  it('answers 202 alike for an address with and without an account, and mails only the account', async () => {
    await start();
    const { email, id } = await signUp();
    const unknown = `nobody${++counter}@example.org`;
    const forUnknown = await askReset(unknown);
    const forKnown = await askReset(email.toUpperCase());
    expect(forUnknown.statusCode).toBe(202);
    expect(forKnown.statusCode).toBe(202);
    expect(forUnknown.body).toBe(forKnown.body);
    const token = await tokenFromMail(email);
    expect(smtp.received.some((m) => m.to === unknown)).toBe(false);

    // Only the token's hash is stored, for one hour.
    const handle = await connectDatabase(t.file);
    const { emailTokens } = tablesOf(handle.dialect);
    const stored = (await databaseOf(handle).select().from(emailTokens)).filter(
      (row) => row.purpose === 'password_reset',
    );
    await closeDatabase(handle);
    expect(stored).toEqual([
      expect.objectContaining({
        id: createHash('sha256').update(token).digest('hex'),
        userId: id,
        email,
        expiresAt: new Date(clock.current.getTime() + 3_600_000),
        usedAt: null,
      }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('limits the mails per address, whether or not it has an account, and per client address', async () => {
    await start();
    const { email, id } = await signUp();
    for (let i = 0; i < 3; i++) expect((await askReset(email)).statusCode).toBe(202);
    const limited = await askReset(email);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // An address without an account is limited the same way: the limit tells nothing.
    const unknown = `nobody${++counter}@example.org`;
    for (let i = 0; i < 3; i++) expect((await askReset(unknown)).statusCode).toBe(202);
    expect((await askReset(unknown)).statusCode).toBe(429);
    // The client address has asked 8 times (2 refused); 2 more for new addresses, then no more.
    for (let i = 0; i < 2; i++)
      expect((await askReset(`x${i}.${counter}@example.org`)).statusCode).toBe(202);
    const perClient = await askReset(`fresh${++counter}@example.org`);
    expect(perClient.statusCode).toBe(429);
    expect(perClient.json().error.message).toMatch(/Try again in \d+ minutes/);
    // Three links were mailed to the account, no more.
    const mails = (await t.repositories.mailOutbox.listForUser(id)).filter(
      (m) => m.kind === 'password_reset',
    );
    expect(mails).toHaveLength(3);
  });

  it('refuses a body without an email with a 400 naming it', async () => {
    await start();
    const res = await api(t, 'POST', '/api/auth/password-reset', { payload: {} });
    expect(res.statusCode).toBe(400);
    expect(fieldsNamed(res)).toEqual(['email']);
  });
});

describe('using the link', () => {
  it('sets the new password, ends every session and closes their sockets, and works once', async () => {
    await start();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { email, cookie } = await signUp();
    const second = sessionCookieOf((await login(email, oldPassword)).headers);
    for (const c of [cookie, second]) sockets.push(await TestSocket.open(base, c));

    expect((await askReset(email)).statusCode).toBe(202);
    const token = await tokenFromMail(email);
    const res = await confirm(token);
    expect(res.statusCode, res.body).toBe(204);
    for (const s of sockets) expect((await s.waitClosed()).code).toBe(4001);
    for (const c of [cookie, second])
      expect((await api(t, 'GET', '/api/me', { cookie: c })).statusCode).toBe(401);
    expect((await login(email, oldPassword)).statusCode).toBe(401);
    expect((await login(email, newPassword)).statusCode).toBe(200);

    const again = await confirm(token, 'another quiet harbour lamp');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
    expect((await login(email, newPassword)).statusCode).toBe(200);
  });

  it('refuses a weak password on `password` saying why, and the link still works', async () => {
    await start();
    const { email } = await signUp();
    await askReset(email);
    const token = await tokenFromMail(email);
    for (const weak of ['password123', 'short', `${email} rocks`]) {
      const res = await confirm(token, weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(fieldsNamed(res)).toEqual(['password']);
      expect(res.json().error.details[0].message.length).toBeGreaterThan(20);
    }
    expect((await confirm(token)).statusCode).toBe(204);
  });

  it('refuses an expired, unknown or cut link', async () => {
    await start();
    const { email } = await signUp();
    await askReset(email);
    const token = await tokenFromMail(email);
    clock.current = new Date(clock.current.getTime() + 3_600_000 + 1);
    for (const bad of [token, 'not-a-token', token.slice(1)]) {
      const res = await confirm(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_token' });
      expect(res.json().error.message).toMatch(/1 hour/);
    }
    expect((await login(email, oldPassword)).statusCode).toBe(200);
  });

  it('ends the other reset links of the user when one is used', async () => {
    await start();
    const { email } = await signUp();
    await askReset(email);
    const first = await tokenFromMail(email);
    await askReset(email);
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    expect((await confirm(second)).statusCode).toBe(204);
    const stale = await confirm(first, 'another quiet harbour lamp');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('invalid_token');
    expect((await login(email, newPassword)).statusCode).toBe(200);
  });

  it('does not take a verification link for a reset link', async () => {
    await start();
    const { email } = await signUp();
    await t.app.mail.worker.wake();
    const mail = await smtp.next((m) => m.to === email);
    const link = mail.links.find((l) => l.includes('/verify-email?token='))!;
    const res = await confirm(new URL(link).searchParams.get('token')!);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_token');
  });
});

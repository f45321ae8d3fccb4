// Passwords that are hard to guess, changing one, and the list of one's own sessions
// (API.md, "Accounts, e-mail and people"; issue 13, item 4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../services/services.ts';
import { signUp } from '../testing/actors.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';
import { createTestApp, sessionCookieOf, TestClock, type TestApp } from '../testing/test-app.ts';
import { TestSocket } from '../testing/ws-client.ts';

let t: TestApp;
let clock: TestClock;
beforeEach(async () => {
  clock = new TestClock();
  t = await createTestApp({}, clock);
});
afterEach(async () => {
  await t.close();
});

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
const password = 'violet harbour lantern cascade';

async function signupAs(body: Record<string, unknown>, userAgent?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { role: 'student', name: 'Mia Chen', email: 'mia.chen@example.org', ...body },
    ...(userAgent ? { headers: { 'user-agent': userAgent } } : {}),
  });
}

async function login(email: string, pw: string, userAgent?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: pw },
    ...(userAgent ? { headers: { 'user-agent': userAgent } } : {}),
  });
}

function passwordMessage(res: { json(): unknown }, field = 'password'): string {
  const { error } = res.json() as { error: { details: { field: string; message: string }[] } };
  return error.details.find((d) => d.field === field)?.message ?? '';
}

describe('a weak password is refused, with why and how to pick a good one', () => {
  it('refuses common and dictionary passwords at sign-up (zxcvbn score under 3)', async () => {
    for (const weak of ['password123', 'qwertyuiop', 'iloveyou2024', 'aaaaaaaaaaaa']) {
      const res = await signupAs({ password: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(fieldsNamed(res)).toEqual(['password']);
      const message = passwordMessage(res);
      expect(message, weak).toMatch(/too easy to guess \(strength [0-2] of 4, 3 needed\)/);
      expect(message).toMatch(/four or more unrelated words/);
    }
    expect(passwordMessage(await signupAs({ password: 'password123' }))).toMatch(
      /commonly used password/,
    );
  });

  it("refuses a password that contains the user's email, its local part or name", async () => {
    const cases: [string, RegExp][] = [
      ['Mia.Chen@Example.org forever', /your email/],
      ['mia.chen-tundra-kettle-9', /your email \("mia.chen"\)/],
      ['zebra MiaChen orbit 77', /your name \("miachen"\)/],
      ['tundra kettle chen orbit', /your email \("chen"\)|your name \("chen"\)/],
    ];
    for (const [pw, why] of cases) {
      const res = await signupAs({ password: pw });
      expect(res.statusCode, pw).toBe(400);
      expect(passwordMessage(res), pw).toMatch(why);
    }
  });

  it('accepts a long unusual passphrase', async () => {
    expect((await signupAs({ password })).statusCode).toBe(201);
  });

  it('refuses a weak password for a secretariat account (pnpm admin:create)', async () => {
    const accounts = createServices(t.repositories).accounts;
    await expect(
      accounts.createSecretariat({
        email: 'office@asem.example',
        password: 'office@asem.example!',
        name: 'Office',
      }),
    ).rejects.toMatchObject({ statusCode: 400, details: [{ field: 'password' }] });
    await expect(
      accounts.createSecretariat({ email: 'o@asem.example', password: 'password1234', name: 'O' }),
    ).rejects.toThrow(/password is too easy to guess/);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password and ends the other sessions, keeping this one', async () => {
    const first = sessionCookieOf((await signupAs({ password }, firefox)).headers);
    const second = sessionCookieOf((await login('mia.chen@example.org', password, iphone)).headers);
    const res = await api(t, 'POST', '/api/auth/password', {
      cookie: first,
      payload: { currentPassword: password, newPassword: 'granite meadow pelican 8' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await api(t, 'GET', '/api/me', { cookie: first })).statusCode).toBe(200);
    expect((await api(t, 'GET', '/api/me', { cookie: second })).statusCode).toBe(401);
    expect((await login('mia.chen@example.org', password)).statusCode).toBe(401);
    expect((await login('mia.chen@example.org', 'granite meadow pelican 8')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with a 400 that says only that', async () => {
    const cookie = sessionCookieOf((await signupAs({ password })).headers);
    const res = await api(t, 'POST', '/api/auth/password', {
      cookie,
      payload: { currentPassword: 'not it at all, sorry', newPassword: 'granite meadow pelican 8' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'wrong_password',
      message: 'The current password is not right.',
      details: [{ field: 'currentPassword', message: 'is not your current password' }],
    });
    expect((await login('mia.chen@example.org', password)).statusCode).toBe(200);
  });

  it('refuses a weak new password on newPassword, and asks for a session', async () => {
    const cookie = sessionCookieOf((await signupAs({ password })).headers);
    const weak = await api(t, 'POST', '/api/auth/password', {
      cookie,
      payload: { currentPassword: password, newPassword: 'mia chen 2024!' },
    });
    expect(weak.statusCode).toBe(400);
    expect(fieldsNamed(weak)).toEqual(['newPassword']);
    expect(passwordMessage(weak, 'newPassword')).toMatch(/your name/);
    const anonymous = await api(t, 'POST', '/api/auth/password', {
      payload: { currentPassword: password, newPassword: 'granite meadow pelican 8' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('sessions: list, end one, end the others', () => {
  async function twoSessions() {
    const mine = sessionCookieOf((await signupAs({ password }, firefox)).headers);
    const phone = sessionCookieOf((await login('mia.chen@example.org', password, iphone)).headers);
    return { mine, phone };
  }

  it('lists own sessions with device and last seen, under an id that opens nothing', async () => {
    const { mine, phone } = await twoSessions();
    const other = await signUp(t, 'student');
    const res = await api(t, 'GET', '/api/auth/sessions', { cookie: mine });
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { id: string; userAgent: string; current: boolean; lastSeenAt: string }[];
    };
    expect(items).toHaveLength(2);
    expect(items.map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ['Firefox 128 on Linux', true],
      ['Safari 17 on iOS', false],
    ]);
    for (const s of items) {
      expect(Object.keys(s).sort()).toEqual(
        ['createdAt', 'current', 'id', 'lastSeenAt', 'userAgent'].sort(),
      );
      expect(s.lastSeenAt).toBe(clock.current.toISOString());
      // Neither the token nor its stored hash: the id as a cookie is no session.
      for (const cookie of [mine, phone]) expect(cookie).not.toContain(s.id);
      const asCookie = await api(t, 'GET', '/api/me', { cookie: `twinning_session=${s.id}` });
      expect(asCookie.statusCode).toBe(401);
    }
    const stored = await t.repositories.sessions.listOf(
      (await api(t, 'GET', '/api/me', { cookie: mine })).json().user.id,
      clock.now(),
    );
    expect(stored.map((s) => s.id)).not.toContain(items[0]!.id);
    // Another user's list holds only their own.
    const theirs = await api(t, 'GET', '/api/auth/sessions', { cookie: other.cookie });
    expect(theirs.json().items).toHaveLength(1);
  });

  it('records last seen at most every five minutes, not at every request', async () => {
    const { mine, phone } = await twoSessions();
    const signedUpAt = clock.current.toISOString();
    clock.current = new Date(clock.current.getTime() + 4 * 60_000);
    await api(t, 'GET', '/api/me', { cookie: phone });
    const seen = async () =>
      (await api(t, 'GET', '/api/auth/sessions', { cookie: mine })).json().items as {
        current: boolean;
        lastSeenAt: string;
      }[];
    expect((await seen()).find((s) => !s.current)?.lastSeenAt).toBe(signedUpAt);
    clock.current = new Date(clock.current.getTime() + 2 * 60_000);
    await api(t, 'GET', '/api/me', { cookie: phone });
    const later = await seen();
    expect(later.find((s) => !s.current)?.lastSeenAt).toBe(clock.current.toISOString());
    expect(later.map((s) => s.lastSeenAt)).toEqual([
      clock.current.toISOString(),
      clock.current.toISOString(),
    ]);
  });

  it('ends one session by its id (404 for an id that is not one of the own)', async () => {
    const { mine, phone } = await twoSessions();
    const other = await signUp(t, 'student');
    const items = (await api(t, 'GET', '/api/auth/sessions', { cookie: mine })).json().items as {
      id: string;
      current: boolean;
    }[];
    const phoneId = items.find((s) => !s.current)!.id;
    const foreign = await api(t, 'DELETE', `/api/auth/sessions/${phoneId}`, {
      cookie: other.cookie,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await api(t, 'GET', '/api/me', { cookie: phone })).statusCode).toBe(200);
    const res = await api(t, 'DELETE', `/api/auth/sessions/${phoneId}`, { cookie: mine });
    expect(res.statusCode).toBe(204);
    expect((await api(t, 'GET', '/api/me', { cookie: phone })).statusCode).toBe(401);
    expect((await api(t, 'GET', '/api/me', { cookie: mine })).statusCode).toBe(200);
    const again = await api(t, 'DELETE', `/api/auth/sessions/${phoneId}`, { cookie: mine });
    expect(again.statusCode).toBe(404);
    // Ending the current one is a log-out, cookie cleared.
    const currentId = items.find((s) => s.current)!.id;
    const self = await api(t, 'DELETE', `/api/auth/sessions/${currentId}`, { cookie: mine });
    expect(self.statusCode).toBe(204);
    expect(String(self.headers['set-cookie'])).toMatch(/twinning_session=;.*Max-Age=0/);
    expect((await api(t, 'GET', '/api/me', { cookie: mine })).statusCode).toBe(401);
  });

  it('logs out everywhere else', async () => {
    const { mine, phone } = await twoSessions();
    const third = sessionCookieOf((await login('mia.chen@example.org', password)).headers);
    const res = await api(t, 'POST', '/api/auth/sessions/revoke-others', { cookie: mine });
    expect(res.statusCode).toBe(204);
    for (const gone of [phone, third]) {
      expect((await api(t, 'GET', '/api/me', { cookie: gone })).statusCode).toBe(401);
    }
    const left = (await api(t, 'GET', '/api/auth/sessions', { cookie: mine })).json().items;
    expect(left).toEqual([expect.objectContaining({ current: true })]);
  });
});

describe('ending a session closes its sockets', () => {
  const sockets: TestSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  it('closes the sockets of sessions ended from the list, by revoke-others and by a password change', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (cookie: string) => {
      const socket = await TestSocket.open(base, cookie);
      sockets.push(socket);
      return socket;
    };
    const mine = sessionCookieOf((await signupAs({ password }, firefox)).headers);
    const another = async () =>
      sessionCookieOf((await login('mia.chen@example.org', password)).headers);
    const mySocket = await open(mine);

    const listed = await another();
    const listedSocket = await open(listed);
    const items = (await api(t, 'GET', '/api/auth/sessions', { cookie: mine })).json().items as {
      id: string;
      current: boolean;
    }[];
    const target = items.find((s) => !s.current)!.id;
    await api(t, 'DELETE', `/api/auth/sessions/${target}`, { cookie: mine });
    expect((await listedSocket.waitClosed()).code).toBe(4001);

    const others = await Promise.all([another(), another()]);
    const otherSockets = await Promise.all(others.map(open));
    await api(t, 'POST', '/api/auth/sessions/revoke-others', { cookie: mine });
    for (const s of otherSockets) expect((await s.waitClosed()).code).toBe(4001);

    const last = await open(await another());
    await api(t, 'POST', '/api/auth/password', {
      cookie: mine,
      payload: { currentPassword: password, newPassword: 'granite meadow pelican 8' },
    });
    expect((await last.waitClosed()).code).toBe(4001);

    // The session that did all this keeps its socket: it still answers.
    mySocket.send({ type: 'ping' });
    expect(await mySocket.next((f) => f.type === 'pong')).toEqual({ type: 'pong' });
    expect(mySocket.closed).toBeUndefined();
  });
});

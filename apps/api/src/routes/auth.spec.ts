import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp } from '../testing/test-app.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';
import { verifyEmailOf } from '../testing/actors.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const student = {
  email: 'Mia.Chen@Example.org',
  password: 'correct horse battery',
  name: 'Mia Chen',
  role: 'student',
};

async function signup(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: body });
}

describe('POST /api/auth/signup', () => {
  it('creates a student, lower-cases the email and starts a session', async () => {
    const res = await signup(student);
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({
      email: 'mia.chen@example.org',
      name: 'Mia Chen',
      role: 'student',
      institutionId: null,
      languages: [],
      timeZone: null,
      emailVerified: false,
      demo: false,
      title: null,
      bio: null,
      locale: null,
      emailNotifications: 'instant',
    });
    expect(Object.keys(user).sort()).toEqual(
      [
        'demo',
        'email',
        'emailVerified',
        'id',
        'institutionId',
        'languages',
        'name',
        'role',
        'timeZone',
        'title',
        'bio',
        'locale',
        'emailNotifications',
      ].sort(),
    );
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^twinning_session=[a-z2-7]{32};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Secure/);

    const me = await api(t, 'GET', '/api/me', { cookie: sessionCookieOf(res.headers) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user, affiliation: null });
  });

  it('names every bad field at once', async () => {
    const res = await signup({
      email: 'not-an-email',
      password: 'short',
      name: '  ',
      role: 'student',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(fieldsNamed(res)).toEqual(['email', 'name', 'password']);
  });

  it('refuses a missing field and an unknown role by name', async () => {
    const missing = await signup({ email: 'a@b.org', name: 'A', role: 'student' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toContainEqual({
      field: 'password',
      message: 'is required',
    });

    const role = await signup({ ...student, role: 'secretariat' });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.details[0].field).toBe('role');
  });

  it('answers 409 for an email that is taken, whatever its case', async () => {
    expect((await signup(student)).statusCode).toBe(201);
    const again = await signup({ ...student, email: 'MIA.CHEN@example.org' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([
      { field: 'email', message: 'is already registered' },
    ]);
  });

  it('affiliates a lecturer on the institution domain once the address is verified', async () => {
    const res = await signup({
      email: 'k.weber@cs.tum.de',
      password: 'a long password',
      name: 'Katrin Weber',
      role: 'lecturer',
      institutionId: 'inst-tum',
    });
    expect(res.statusCode).toBe(201);
    // The domain proves nothing until the mailbox is shown to be hers.
    expect(res.json().user.institutionId).toBeNull();
    const cookie = sessionCookieOf(res.headers);
    expect((await api(t, 'GET', '/api/me', { cookie })).json().affiliation.status).toBe('pending');
    await verifyEmailOf(t, res.json().user.id);
    const me = await api(t, 'GET', '/api/me', { cookie });
    expect(me.json().user.institutionId).toBe('inst-tum');
    expect(me.json().affiliation).toEqual({
      institutionId: 'inst-tum',
      institutionName: 'Technische Universität München',
      role: 'lecturer',
      status: 'verified',
    });
  });

  it("leaves a lecturer off the domain waiting for the institution's admin", async () => {
    const res = await signup({
      email: 'k.weber@gmail.com',
      password: 'a long password',
      name: 'Katrin Weber',
      role: 'lecturer',
      institutionId: 'inst-tum',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.institutionId).toBeNull();
    const me = await api(t, 'GET', '/api/me', { cookie: sessionCookieOf(res.headers) });
    expect(me.json().affiliation.status).toBe('pending');
  });

  it('does not accept a look-alike domain', async () => {
    const res = await signup({
      email: 'x@evil-tum.de',
      password: 'a long password',
      name: 'X',
      role: 'lecturer',
      institutionId: 'inst-tum',
    });
    expect(res.json().user.institutionId).toBeNull();
  });

  it('requires a real institution for a lecturer', async () => {
    const none = await signup({ ...student, role: 'lecturer' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toContainEqual({
      field: 'institutionId',
      message: 'a lecturer names the institution they teach at',
    });
    const unknown = await signup({ ...student, role: 'lecturer', institutionId: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toEqual({
      field: 'institutionId',
      message: 'no institution has this id',
    });
    // Nothing was half-written: the email is still free.
    expect((await signup(student)).statusCode).toBe(201);
  });
});

describe('POST /api/auth/login and /logout', () => {
  it('logs in with a new session each time and logs out', async () => {
    await signup(student);
    const login = () =>
      api(t, 'POST', '/api/auth/login', {
        payload: { email: 'mia.chen@example.org', password: student.password },
      });
    const first = await login();
    const second = await login();
    expect(first.statusCode).toBe(200);
    expect(first.json().user.email).toBe('mia.chen@example.org');
    const a = sessionCookieOf(first.headers);
    const b = sessionCookieOf(second.headers);
    expect(a).not.toEqual(b);

    const out = await api(t, 'POST', '/api/auth/logout', { cookie: a });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    const meA = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a } });
    expect(meA.statusCode).toBe(401);
    const meB = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: b } });
    expect(meB.statusCode).toBe(200);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    await signup(student);
    const wrongPassword = await api(t, 'POST', '/api/auth/login', {
      payload: { email: student.email, password: 'not the password' },
    });
    const unknownEmail = await api(t, 'POST', '/api/auth/login', {
      payload: { email: 'nobody@example.org', password: 'not the password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json().error.message).toBe('Wrong email or password.');
  });

  it('stores only the SHA-256 of the token', async () => {
    const res = await signup(student);
    const token = sessionCookieOf(res.headers).split('=')[1]!;
    const userId = res.json().user.id;
    expect(await t.repositories.sessions.countFor(userId)).toBe(1);
    const { createHash } = await import('node:crypto');
    const id = createHash('sha256').update(token).digest('hex');
    expect(await t.repositories.sessions.findWithUser(id)).toBeDefined();
    expect(await t.repositories.sessions.findWithUser(token)).toBeUndefined();
  });

  it('needs a session to log out or read /api/me', async () => {
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(401);
    expect(out.json().error.code).toBe('unauthorized');
    const me = await api(t, 'GET', '/api/me', { cookie: 'twinning_session=forged' });
    expect(me.statusCode).toBe(401);
  });
});

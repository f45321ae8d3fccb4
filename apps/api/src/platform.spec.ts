// The platform's cross-cutting promises: health, docs, error shape, CSRF origin check, rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSecondApp,
  createTestApp,
  sessionCookieOf,
  TestClock,
  type TestApp,
} from './testing/test-app.ts';
import { api } from './testing/api-request.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('health and docs', () => {
  it('GET /api/health is 200 ok', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3 document listing every API route, and the interactive docs', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /api/health',
        'POST /api/auth/signup',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/auth/password',
        'GET /api/auth/sessions',
        'DELETE /api/auth/sessions/{id}',
        'POST /api/auth/sessions/revoke-others',
        'GET /api/me',
        'PATCH /api/me',
        'PUT /api/me/avatar',
        'DELETE /api/me/avatar',
        'GET /api/users/{id}',
        'GET /api/users/{id}/activity',
        'GET /api/users/{id}/avatar',
        'GET /api/institutions',
        'GET /api/institutions/{id}',
        'POST /api/institutions',
        'POST /api/institutions/{id}/verify',
        'POST /api/institutions/{id}/refuse',
        'POST /api/institutions/{id}/request-information',
        'POST /api/institutions/{id}/answer',
        'GET /api/institutions/{id}/review',
        'GET /api/verification-queue',
        'PATCH /api/institutions/{id}',
        'GET /api/institutions/{id}/summary',
        'GET /api/institutions/{id}/affiliations',
        'POST /api/affiliations/{id}/approve',
        'POST /api/affiliations/{id}/refuse',
        'POST /api/affiliations/{id}/remove',
        'GET /api/institutions/{id}/domains',
        'POST /api/institutions/{id}/domains/{domain}/approve',
        'POST /api/institutions/{id}/domains/{domain}/refuse',
        'GET /api/verification-queue/domains',
        'GET /api/verification-queue/admin-claims',
        'POST /api/offers',
        'GET /api/offers',
        'GET /api/offers/{id}',
        'GET /api/offers/languages',
        'PATCH /api/offers/{id}',
        'POST /api/offers/{id}/close',
        'GET /api/offers/{id}/matches',
        'POST /api/partnerships',
        'GET /api/partnerships',
        'POST /api/partnerships/{id}/accept',
        'POST /api/partnerships/{id}/decline',
        'POST /api/partnerships/{id}/withdraw',
        'POST /api/partnerships/{id}/complete',
        'GET /api/balance-goals',
        'PUT /api/balance-goals',
        'POST /api/matching-rounds',
        'POST /api/matching-rounds/preview',
        'GET /api/matching-rounds',
        'GET /api/matching-rounds/{id}',
        'GET /api/offers/{id}/proposal',
        'POST /api/offers/{id}/applications',
        'GET /api/applications',
        'POST /api/applications/{id}/accept',
        'POST /api/applications/{id}/decline',
        'POST /api/applications/{id}/withdraw',
        'GET /api/stats/summary',
        'GET /api/stats/breakdown',
        'GET /api/stats/export.csv',
        'GET /api/stats/balance',
        'GET /api/moderation',
        'POST /api/moderation/accounts/find',
        'POST /api/users/{id}/suspend',
        'POST /api/users/{id}/unsuspend',
        'POST /api/offers/{id}/hide',
        'POST /api/offers/{id}/unhide',
        'GET /api/conversations',
        'POST /api/conversations',
        'GET /api/conversations/{id}/messages',
        'GET /api/notifications',
        'POST /api/notifications/read',
        'POST /api/mail/unsubscribe',
        'POST /api/auth/verify-email',
        'POST /api/auth/verify-email/resend',
        'POST /api/auth/password-reset',
        'POST /api/auth/password-reset/confirm',
        'POST /api/offers/{id}/confirm',
        'POST /api/offers/{id}/still-open',
        'GET /api/ws',
      ].sort(),
    );
    // The WebSocket's frames, from the schemas the server checks them with.
    const frames = (name: string) =>
      (doc.components.schemas[name].anyOf as { properties: { type: { const: string } } }[]).map(
        (frame) => frame.properties.type.const,
      );
    expect(frames('ClientFrame')).toEqual(['subscribe', 'send', 'typing', 'read', 'ping']);
    expect(frames('ServerFrame')).toEqual([
      'message',
      'subscribed',
      'ack',
      'typing',
      'read',
      'pong',
      'notification',
      'error',
    ]);
    expect(doc.paths['/api/ws'].get['x-frames']).toEqual({
      clientToServer: { $ref: '#/components/schemas/ClientFrame' },
      serverToClient: { $ref: '#/components/schemas/ServerFrame' },
    });
    // The avatar's body is the image's bytes, described although the route has no body schema.
    expect(Object.keys(doc.paths['/api/me/avatar'].put.requestBody.content)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
    ]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('errors', () => {
  it('answers unknown API routes with the error shape', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers a malformed URL and an over-long path part with the error shape, not Fastify’s own', async () => {
    t = await createTestApp();
    const malformed = await t.app.inject({ method: 'GET', url: '/api/offers/%E0%A4%A' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({
      error: { code: 'invalid_input', message: 'The URL is malformed (a bad percent-encoding?).' },
    });
    // Past the router's limit on a path part (100 characters) no route matches: the API's 404.
    const long = await t.app.inject({ method: 'GET', url: `/api/offers/${'x'.repeat(150)}` });
    expect(long.statusCode).toBe(404);
    expect(long.json().error.code).toBe('not_found');
  });

  it('names malformed JSON, a wrong content type and a body that is too large', async () => {
    t = await createTestApp();
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('The body is not valid JSON.');

    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');

    const huge = await api(t, 'POST', '/api/auth/signup', {
      payload: {
        email: 'a@b.org',
        password: 'x'.repeat(2 * 1024 * 1024),
        name: 'A',
        role: 'student',
      },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('answers an internal failure with a plain 500 and no internals', async () => {
    t = await createTestApp();
    t.repositories.institutions.count = async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed in /secret/path');
    };
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Internal Server Error' } });
    expect(res.body).not.toMatch(/SQLITE|secret|at /);
  });

  it('sets security headers on API replies', async () => {
    t = await createTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});

describe('cross-site request defence', () => {
  const signup = {
    email: 'ana@example.org',
    password: 'a long password',
    name: 'Ana',
    role: 'student',
  };
  /** The sign-up above posted to `url` with these request headers. */
  const postWith = (url: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers, payload: signup });

  it('refuses every state-changing request from a foreign Origin', async () => {
    t = await createTestApp();
    for (const url of [
      '/api/auth/signup',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/institutions',
      '/api/matching-rounds',
      '/api/matching-rounds/preview',
    ]) {
      const res = await postWith(url, { origin: 'https://evil.example', host: 'localhost:3000' });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const crossSite = await postWith('/api/auth/signup', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
  });

  it('accepts the own origin, the configured ORIGIN, and scripts that send none', async () => {
    t = await createTestApp();
    const own = await postWith('/api/auth/signup', {
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
    });
    expect(own.statusCode).toBe(201);
    const script = await api(t, 'POST', '/api/auth/signup', {
      payload: { ...signup, email: 'script@example.org' },
    });
    expect(script.statusCode).toBe(201);
    await t.close();

    t = await createTestApp({ origin: 'https://twinning.example' });
    const behindProxy = await postWith('/api/auth/signup', {
      origin: 'https://twinning.example',
      host: '127.0.0.1:3000',
    });
    expect(behindProxy.statusCode).toBe(201);
    const hostOrigin = await postWith('/api/auth/login', {
      origin: 'http://127.0.0.1:3000',
      host: '127.0.0.1:3000',
    });
    expect(hostOrigin.statusCode).toBe(403);
  });

  it('lets reads through from anywhere', async () => {
    t = await createTestApp();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/institutions',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('rate limit on sign-up and log-in', () => {
  const secret = 'the pages server secret, 32 chars+';
  const wrongLogin = (ip?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'wrong password' },
      headers: { ...(ip ? { 'x-forwarded-for': ip } : {}), ...headers },
    });

  it('answers 429 with Retry-After after RATE_LIMIT_AUTH attempts a minute, sign-ups included', async () => {
    t = await createTestApp({ rateLimitAuth: 5, internalSecret: secret });
    await api(t, 'POST', '/api/auth/signup', {
      payload: { email: 'x@example.org', password: 'a long password', name: 'X', role: 'student' },
    });
    for (let i = 0; i < 4; i++) expect((await wrongLogin()).statusCode).toBe(401);
    const limited = await wrongLogin();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('rate_limited');
    // Another client address, as the pages' server reports it with its secret, has its own.
    expect((await wrongLogin('203.0.113.9', { 'x-twinning-internal': secret })).statusCode).toBe(
      401,
    );
  });

  it('does not believe X-Forwarded-For by default: ten wrong log-ins with rotating addresses from loopback, then 429', async () => {
    t = await createTestApp({ rateLimitAuth: 10 });
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await wrongLogin(`198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    await t.close();
    // Nor with a wrong secret.
    t = await createTestApp({ rateLimitAuth: 2, internalSecret: secret });
    const claims = ['a wrong secret', secret.slice(0, -1), '', `${secret}x`];
    const withClaims: number[] = [];
    for (const [i, claimed] of claims.entries()) {
      const res = await wrongLogin(`198.51.100.${i}`, { 'x-twinning-internal': claimed });
      withClaims.push(res.statusCode);
    }
    expect(withClaims).toEqual([401, 401, 429, 429]);
  });

  it('believes X-Forwarded-For from the proxies TRUST_PROXY names, and from the pages with the secret', async () => {
    // Injected requests come from 127.0.0.1: here that is the proxy.
    t = await createTestApp({ rateLimitAuth: 2, trustProxy: ['127.0.0.1'] });
    for (let i = 1; i <= 6; i++) expect((await wrongLogin(`198.51.100.${i}`)).statusCode).toBe(401);
    // The proxy appends the address it saw; what the client wrote before it is not believed.
    for (let i = 1; i <= 2; i++) {
      expect((await wrongLogin(`10.9.9.${i}, 203.0.113.7`)).statusCode).toBe(401);
    }
    expect((await wrongLogin('10.9.9.3, 203.0.113.7')).statusCode).toBe(429);
    await t.close();

    t = await createTestApp({ rateLimitAuth: 2, trustProxy: ['10.0.0.0/8'] });
    for (let i = 1; i <= 3; i++) await wrongLogin(`198.51.100.${i}`);
    expect((await wrongLogin('198.51.100.9')).statusCode).toBe(429);
    await t.close();

    t = await createTestApp({ rateLimitAuth: 2, internalSecret: secret });
    for (let i = 1; i <= 6; i++) {
      const res = await wrongLogin(`198.51.100.${i}`, { 'x-twinning-internal': secret });
      expect(res.statusCode).toBe(401);
    }
  });

  it('counts in the database: two processes on one database share the budget', async () => {
    t = await createTestApp({ rateLimitAuth: 4 });
    const second = await createSecondApp(t, { rateLimitAuth: 4 });
    try {
      const wrongOn = (app: typeof t.app) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'nobody@example.org', password: 'wrong password' },
        });
      expect((await wrongOn(t.app)).statusCode).toBe(401);
      expect((await wrongOn(second.app)).statusCode).toBe(401);
      expect((await wrongOn(t.app)).statusCode).toBe(401);
      expect((await wrongOn(second.app)).statusCode).toBe(401);
      expect((await wrongOn(t.app)).statusCode).toBe(429);
      expect((await wrongOn(second.app)).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('is off when RATE_LIMIT_AUTH is 0', async () => {
    t = await createTestApp({ rateLimitAuth: 0 });
    for (let i = 0; i < 25; i++) expect((await wrongLogin()).statusCode).toBe(401);
  });

  it('does not limit other routes', async () => {
    t = await createTestApp({ rateLimitAuth: 1 });
    for (let i = 0; i < 5; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/api/institutions' })).statusCode).toBe(
        200,
      );
    }
  });
});

describe('failed log-ins per account', () => {
  const password = 'the right password';
  let clock: TestClock;
  let n = 0;
  // Each from its own address (a trusted proxy names them): only the account limit applies.
  const login = (email: string, pass: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: pass },
      headers: { 'x-forwarded-for': `198.51.${Math.floor(++n / 250)}.${n % 250}` },
    });

  async function withAccount(email = 'owner@example.org') {
    clock = new TestClock();
    t = await createTestApp({ rateLimitAuth: 10, trustProxy: ['127.0.0.1'] }, clock);
    const res = await api(t, 'POST', '/api/auth/signup', {
      payload: { email, password, name: 'Owner', role: 'student' },
    });
    expect(res.statusCode).toBe(201);
    return email;
  }

  it('stops guessing from many addresses after 10 failures in 15 minutes: 429 with Retry-After, the right password included', async () => {
    const email = await withAccount();
    for (let i = 0; i < 10; i++)
      expect((await login(email, `guess ${i} wrong`)).statusCode).toBe(401);
    const refused = await login(email, password);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.json().error).toMatchObject({
      code: 'rate_limited',
      message: 'Too many failed log-ins for this account. Try again in 15 minutes.',
    });
    // The address of the account is not what counts: the email's case and spaces do not help.
    expect((await login('  OWNER@example.org ', password)).statusCode).toBe(429);
    // Another account is not affected.
    expect((await login('other@example.org', 'whatever it is')).statusCode).toBe(401);
  });

  it('locks for one window only: attempts meanwhile do not prolong it, and the right password works after it', async () => {
    const email = await withAccount();
    for (let i = 0; i < 10; i++) await login(email, `guess ${i} wrong`);
    clock.current = new Date(clock.current.getTime() + 14 * 60_000);
    for (let i = 0; i < 5; i++) expect((await login(email, 'still guessing')).statusCode).toBe(429);
    expect((await login(email, password)).headers['retry-after']).toBe('60');
    clock.current = new Date(clock.current.getTime() + 60_000);
    expect((await login(email, password)).statusCode).toBe(200);
  });

  it('forgets failures after a successful log-in, and treats unknown addresses alike', async () => {
    const email = await withAccount();
    for (let i = 0; i < 9; i++) await login(email, `typo ${i}`);
    expect((await login(email, password)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(email, `typo ${i}`)).statusCode).toBe(401);
    // An address with no account is limited the same way: the 429 tells nothing about accounts.
    for (let i = 0; i < 10; i++) await login('nobody@example.org', `guess ${i}`);
    expect((await login('nobody@example.org', 'guess')).statusCode).toBe(429);
  });

  it('is off with RATE_LIMIT_AUTH=0, as the limit per address is', async () => {
    t = await createTestApp({ rateLimitAuth: 0 });
    for (let i = 0; i < 15; i++) {
      const res = await api(t, 'POST', '/api/auth/login', {
        payload: { email: 'nobody@example.org', password: 'wrong password' },
      });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('WebSocket /api/ws', () => {
  it('refuses a client without a session, and a foreign Origin', async () => {
    t = await createTestApp();
    await expect(t.app.injectWS('/api/ws')).rejects.toThrow(/401/);
    const res = await api(t, 'POST', '/api/auth/signup', {
      payload: { email: 'ws@example.org', password: 'a long password', name: 'W', role: 'student' },
    });
    const cookie = sessionCookieOf(res.headers);
    await expect(
      t.app.injectWS('/api/ws', { headers: { cookie, origin: 'https://evil.example' } }),
    ).rejects.toThrow(/403/);
  });

  it('answers ping with pong and an unknown frame with an error frame', async () => {
    t = await createTestApp();
    const res = await api(t, 'POST', '/api/auth/signup', {
      payload: { email: 'ws@example.org', password: 'a long password', name: 'W', role: 'student' },
    });
    const ws = await t.app.injectWS('/api/ws', {
      headers: { cookie: sessionCookieOf(res.headers) },
    });
    const frames: unknown[] = [];
    const got = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        frames.push(JSON.parse(data.toString()));
        if (frames.length === 3) resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'ping' }));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'dance' }));
    await got;
    expect(frames[0]).toEqual({ type: 'pong' });
    expect(frames[1]).toMatchObject({ type: 'error', code: 'invalid_frame' });
    expect(frames[2]).toMatchObject({ type: 'error', code: 'unknown_type' });
    ws.terminate();
  });
});

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

async function list(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/institutions${query}` });
  return { status: res.statusCode, body: res.json() };
}

async function account(role: string, extra: Record<string, unknown> = {}) {
  const res = await api(t, 'POST', '/api/auth/signup', {
    payload: {
      email: `${role}-${Math.random().toString(36).slice(2)}@example.org`,
      password: 'a long password',
      name: `A ${role}`,
      role,
      ...extra,
    },
  });
  expect(res.statusCode).toBe(201);
  await verifyEmailOf(t, res.json().user.id);
  return sessionCookieOf(res.headers);
}

describe('GET /api/institutions', () => {
  it('lists by name with the shape of API.md', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(body.items.map((i: { name: string }) => i.name)).toEqual([
      'Akademie der bildenden Künste Wien',
      'Kyoto University',
      'RMIT International University Vietnam',
      'Technische Universität München',
    ]);
    expect(body.nextCursor).toBeNull();
    expect(body.items[1]).toEqual({
      id: 'inst-kyoto',
      name: 'Kyoto University',
      country: 'JP',
      region: 'asia',
      city: 'Kyoto',
      website: 'https://www.kyoto-u.ac.jp/',
      domains: ['kyoto-u.ac.jp'],
      type: 'university',
      verified: true,
    });
  });

  it('searches names without regard to case or diacritics, and by domain', async () => {
    expect((await list('?q=kunste')).body.items.map((i: { id: string }) => i.id)).toEqual([
      'inst-akbild',
    ]);
    expect((await list('?q=UNIVERSITÄT')).body.items.map((i: { id: string }) => i.id)).toEqual([
      'inst-tum',
    ]);
    expect((await list('?q=kyoto-u.ac.jp')).body.items).toHaveLength(1);
    expect((await list('?q=university%20vietnam')).body.items).toHaveLength(1);
    expect((await list('?q=%25')).body.items).toHaveLength(0);
  });

  it('filters by country, region and verification, alone and combined', async () => {
    const ids = async (q: string) => (await list(q)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('?country=jp')).toEqual(['inst-kyoto']);
    expect(await ids('?region=europe')).toEqual(['inst-akbild', 'inst-tum']);
    expect(await ids('?verified=true')).toEqual(['inst-kyoto', 'inst-tum']);
    expect(await ids('?verified=false&region=asia')).toEqual(['inst-rmit-vn']);
    expect(await ids('?region=asia&country=DE')).toEqual([]);
  });

  it('pages with a cursor, each institution once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(4);
  });

  it('names bad query parameters', async () => {
    const region = await list('?region=africa');
    expect(region.status).toBe(400);
    expect(region.body.error.details[0].field).toBe('region');
    const country = await list('?country=US');
    expect(country.status).toBe(400);
    expect(country.body.error.details).toEqual([
      { field: 'country', message: 'is not an ASEM partner country (ISO 3166-1 alpha-2)' },
    ]);
    expect((await list('?limit=101')).status).toBe(400);
    expect((await list('?limit=0')).status).toBe(400);
    const cursor = await list('?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details[0].field).toBe('cursor');
  });
});

describe('GET /api/institutions/:id', () => {
  it('returns one or 404', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/institutions/inst-tum' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Technische Universität München');
    const missing = await t.app.inject({ method: 'GET', url: '/api/institutions/none' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'not_found', message: 'No such institution.' },
    });
  });
});

describe('POST /api/institutions and /verify', () => {
  const body = {
    name: 'Royal University of Phnom Penh',
    country: 'kh',
    city: 'Phnom Penh',
    website: 'https://www.rupp.edu.kh',
    domains: ['RUPP.edu.kh'],
    type: 'university',
  };

  it('lets an institution admin register one, unverified, and become its admin', async () => {
    const cookie = await account('institution_admin');
    const res = await api(t, 'POST', '/api/institutions', { cookie, payload: body });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      country: 'KH',
      region: 'asia',
      domains: ['rupp.edu.kh'],
      verified: false,
    });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().user.institutionId).toBe(created.id);
    expect(me.json().affiliation).toMatchObject({ role: 'admin', status: 'verified' });
    const again = await api(t, 'POST', '/api/institutions', { cookie, payload: body });
    expect(again.statusCode).toBe(409);
  });

  it('refuses other roles and anonymous callers', async () => {
    const anonymous = await api(t, 'POST', '/api/institutions', { payload: body });
    expect(anonymous.statusCode).toBe(401);
    const cookie = await account('student');
    const student = await api(t, 'POST', '/api/institutions', { cookie, payload: body });
    expect(student.statusCode).toBe(403);
    expect(student.json().error.code).toBe('forbidden');
  });

  it('names each bad field', async () => {
    const cookie = await account('institution_admin');
    const res = await api(t, 'POST', '/api/institutions', {
      cookie,
      payload: {
        name: 'X',
        country: 'US',
        website: 'ftp://x',
        domains: ['not a domain'],
        type: 'school',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsNamed(res)).toEqual(['country', 'domains.0', 'name', 'type', 'website']);
  });

  it('lets only the secretariat verify', async () => {
    const admin = await account('institution_admin');
    const refused = await api(t, 'POST', '/api/institutions/inst-akbild/verify', { cookie: admin });
    expect(refused.statusCode).toBe(403);

    const { createServices } = await import('../services/services.ts');
    await createServices(t.repositories).accounts.createSecretariat({
      email: 'sec@asem.example',
      password: 'ledger of quiet harbours',
      name: 'Sec',
    });
    const login = await api(t, 'POST', '/api/auth/login', {
      payload: { email: 'sec@asem.example', password: 'ledger of quiet harbours' },
    });
    const cookie = sessionCookieOf(login.headers);
    const ok = await api(t, 'POST', '/api/institutions/inst-akbild/verify', { cookie });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().verified).toBe(true);
    const missing = await api(t, 'POST', '/api/institutions/none/verify', { cookie });
    expect(missing.statusCode).toBe(404);
  });
});

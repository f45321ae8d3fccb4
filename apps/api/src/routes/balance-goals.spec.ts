import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lecturerAt, secretariat } from '../testing/actors.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { api, fieldsNamed } from '../testing/api-request.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('balance goals', () => {
  it('the secretariat reads the defaults and sets new goals', async () => {
    const { cookie } = await secretariat(t);
    const before = await api(t, 'GET', '/api/balance-goals', { cookie });
    expect(before.json()).toEqual({
      asiaShareTarget: 0.5,
      maxCountryShare: 0.1,
      balanceWeight: 0.1,
      priorityCountries: [],
    });
    const put = await api(t, 'PUT', '/api/balance-goals', {
      cookie,
      payload: {
        asiaShareTarget: 0.55,
        maxCountryShare: 0.08,
        balanceWeight: 0.2,
        priorityCountries: ['la', 'KH', 'LA'],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      asiaShareTarget: 0.55,
      maxCountryShare: 0.08,
      balanceWeight: 0.2,
      priorityCountries: ['KH', 'LA'],
    });
    const after = await api(t, 'GET', '/api/balance-goals', { cookie });
    expect(after.json()).toEqual(put.json());
  });

  it('names every bad value and keeps the old goals', async () => {
    const { cookie } = await secretariat(t);
    const res = await api(t, 'PUT', '/api/balance-goals', {
      cookie,
      payload: {
        asiaShareTarget: 1.5,
        maxCountryShare: 0,
        balanceWeight: -1,
        priorityCountries: ['US'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsNamed(res)).toEqual([
      'asiaShareTarget',
      'balanceWeight',
      'maxCountryShare',
      'priorityCountries.0',
    ]);
    const missing = await api(t, 'PUT', '/api/balance-goals', { cookie, payload: {} });
    expect(missing.statusCode).toBe(400);
    const now = await api(t, 'GET', '/api/balance-goals', { cookie });
    expect(now.json().asiaShareTarget).toBe(0.5);
  });

  it('is for the secretariat only', async () => {
    const lecturer = await lecturerAt(t, 'inst-tum');
    expect((await t.app.inject({ method: 'GET', url: '/api/balance-goals' })).statusCode).toBe(401);
    const get = await api(t, 'GET', '/api/balance-goals', { cookie: lecturer.cookie });
    expect(get.statusCode).toBe(403);
    const put = await api(t, 'PUT', '/api/balance-goals', {
      cookie: lecturer.cookie,
      payload: { asiaShareTarget: 0.5, maxCountryShare: 0.1, balanceWeight: 0.1 },
    });
    expect(put.statusCode).toBe(403);
  });
});

// The first page a visitor sees: what Twinning is, with live figures.
import { expect, test } from '@playwright/test';

test('the home page says what Twinning is and shows live figures', async ({ page, request }) => {
  const summary = await (await request.get('/api/stats/summary')).json();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('COIL');
  const figures = page.getByRole('main');
  await expect(figures).toContainText(summary.institutions.toLocaleString('en'));
  await expect(figures).toContainText(String(summary.countries));
  await expect(figures).toContainText(summary.openOffers.toLocaleString('en'));
});

test('the API and its docs share the origin with the pages', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const docs = await request.get('/api/docs/json');
  expect((await docs.json()).openapi).toMatch(/^3\./);
  const foreign = await request.post('/api/auth/login', {
    headers: { origin: 'https://evil.example' },
    data: { email: 'student@twinning.test', password: 'twinning-demo' },
  });
  expect(foreign.status()).toBe(403);
});

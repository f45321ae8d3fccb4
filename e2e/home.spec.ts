// The first page a visitor sees: what Twinning is, with live figures; and for someone signed
// in, a greeting and the next steps of their role.
import { expect, test } from '@playwright/test';
import { demoPassword, expectAccessible, linkIn, logIn, nextMail, uniqueEmail } from './helpers.ts';

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
    data: { email: 'student@twinning.test', password: demoPassword },
  });
  expect(foreign.status()).toBe(403);
});

test('a new lecturer is welcomed and shown the next step, then welcomed back', async ({ page }) => {
  // A verified institution with a web domain: an address there joins it at once.
  const reply = await page.request.get('/api/institutions?country=JP&verified=true&limit=100');
  const { items } = (await reply.json()) as {
    items: { id: string; name: string; domains: string[] }[];
  };
  const institution = items.find((i) => i.domains.length > 0);
  if (!institution) throw new Error('the demo data has no verified Japanese institution');
  const email = uniqueEmail('aiko').replace('example.org', institution.domains[0]!);
  const signup = await page.request.post('/api/auth/signup', {
    data: {
      email,
      password: 'a long enough password',
      name: 'Aiko Mori',
      role: 'lecturer',
      institutionId: institution.id,
    },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  // The domain counts once the address is confirmed (the link of the mail).
  await page.goto(linkIn(await nextMail(email), '/verify-email'));

  await page.goto('/');
  await expect(page.getByText('Welcome to Twinning, Aiko Mori.')).toBeVisible();
  const steps = page.getByRole('region', { name: 'Your next steps' });
  await expect(steps.getByRole('listitem').first()).toContainText(
    `Done: You belong to ${institution.name}`,
  );
  await expect(steps).toContainText('Post your first offer');
  await expectAccessible(page);
  await steps.getByRole('link', { name: 'Post your first offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Post an offer' })).toBeVisible();

  const posted = await page.request.post('/api/offers', {
    data: {
      title: 'Robotics with a partner class',
      description: 'Students program small robots together in mixed teams across two continents.',
      format: 'coil',
      fields: ['0714'],
      languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
      levels: ['bachelor'],
      startDate: '2027-10-04',
      endDate: '2027-12-17',
      timeZone: 'Asia/Tokyo',
      windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
      classSize: 25,
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  await page.goto('/');
  await expect(page.getByText('Welcome back, Aiko Mori.')).toBeVisible();
  await expect(steps).toContainText('You have 1 offer: see which partners fit it.');
  await expect(steps.getByRole('link', { name: 'My offers' })).toBeVisible();
});

test('a new student and the secretariat each see the next step of their role', async ({ page }) => {
  const signup = await page.request.post('/api/auth/signup', {
    data: {
      email: uniqueEmail('lan'),
      password: 'a long enough password',
      name: 'Lan Pham',
      role: 'student',
    },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  await page.goto('/');
  await expect(page.getByText('Welcome to Twinning, Lan Pham.')).toBeVisible();
  const steps = page.getByRole('region', { name: 'Your next steps' });
  await steps.getByRole('link', { name: 'Find opportunities' }).click();
  await expect(page).toHaveURL('/opportunities');

  await page.getByRole('button', { name: 'Log out' }).click();
  // Logged out before the log-in page opens (it sends a signed-in visitor home).
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await logIn(page, 'secretariat@twinning.test');
  await page.goto('/');
  const queue = (await (
    await page.request.get('/api/institutions?awaitingVerification=true&limit=100')
  ).json()) as { items: unknown[] };
  await expect(steps.getByRole('listitem').first()).toContainText(
    queue.items.length === 0
      ? 'No institution waits for verification.'
      : queue.items.length === 1
        ? '1 institution waits for verification.'
        : `${queue.items.length} institutions wait for verification.`,
  );
  await steps.getByRole('link', { name: 'Verification' }).click();
  await expect(page).toHaveURL('/secretariat/verification');
});

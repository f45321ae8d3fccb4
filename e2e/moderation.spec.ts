// The secretariat's moderation page: suspending an account and hiding an offer with reasons,
// undoing both, forms that keep what was typed before the page ran, and access.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  berlinTuesday,
  expectAccessible,
  holdAppScript,
  logIn,
  postOffer,
  uniqueEmail,
} from './helpers.ts';

test('the secretariat suspends an account by its email and hides an offer by its link, with reasons', async ({
  page,
  browser,
}) => {
  test.slow(); // a long journey (several people and pages): the limit only catches a hang
  // A new student and a new offer of the demo lecturer, so no other test loses its own.
  const student = await (await browser.newContext()).newPage();
  const email = uniqueEmail('suspend.me');
  const signup = await student.request.post('/api/auth/signup', {
    data: { email, password: 'a long lantern password', name: 'Spam Student', role: 'student' },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  const lecturer = await (await browser.newContext()).newPage();
  await logIn(lecturer, 'lecturer@twinning.test');
  const title = `Offer to hide ${Date.now().toString(36)}`;
  const offerId = await postOffer(lecturer, {
    ...berlinTuesday,
    title,
    description: 'A joint course on coastal cities with a partner class in Asia, weekly.',
    sdgs: [],
    themes: [],
    classSize: 25,
    openToStudents: true,
  });

  await logIn(page, 'secretariat@twinning.test');
  // Moderation is in the secretariat's navigation.
  await page.goto('/secretariat/statistics');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Moderation' })
    .click();
  await expect(page).toHaveURL(/\/secretariat\/moderation$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
  const moderation = page.getByRole('main');

  // Suspend: a reason is required and what was typed stays.
  const suspend = moderation.locator('form', {
    has: page.getByRole('heading', { name: 'Suspend an account' }),
  });
  await suspend.getByLabel('Account (email address or id)').fill(email.toUpperCase());
  await suspend.getByLabel('Reason (kept with the record)').fill('Sends spam to lecturers');
  await suspend.getByRole('button', { name: 'Suspend account' }).click();
  await expect(page.locator('#moderation-outcome')).toContainText('Account suspended.');
  const suspended = moderation.getByRole('listitem').filter({ hasText: email });
  await expect(suspended).toContainText('Spam Student');
  await expect(suspended).toContainText('Sends spam to lecturers');
  // The suspended student is signed out at once.
  expect((await student.request.get('/api/me')).status()).toBe(401);

  // Hide: the offer's link, pasted from the address bar.
  const hide = moderation.locator('form', {
    has: page.getByRole('heading', { name: 'Hide an offer' }),
  });
  await hide
    .getByLabel('Offer (its link or id)')
    .fill(`${page.url().split('/secretariat')[0]}/offers/${offerId}`);
  await hide.getByLabel('Reason (kept with the record)').fill('Duplicate of another offer');
  await hide.getByRole('button', { name: 'Hide offer' }).click();
  await expect(page.locator('#moderation-outcome')).toContainText('Offer hidden.');
  const hidden = moderation.getByRole('listitem').filter({ hasText: title });
  await expect(hidden).toContainText('Duplicate of another offer');
  expect((await lecturer.goto(`/offers/${offerId}`))?.status()).toBe(404);
  await expectAccessible(page);
  mkdirSync('/tmp/shots/moderation', { recursive: true });
  await page.screenshot({ path: '/tmp/shots/moderation/moderation.png', fullPage: false });

  // Both undone.
  await hidden.getByRole('button', { name: `Show ${title} again` }).click();
  await expect(moderation.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
  expect((await lecturer.goto(`/offers/${offerId}`))?.status()).toBe(200);
  await suspended.getByRole('button', { name: 'Lift the suspension of Spam Student' }).click();
  await expect(moderation.getByRole('listitem').filter({ hasText: email })).toHaveCount(0);
  await logIn(student, email, 'a long lantern password');

  // The offer was only for this test: closed, so no other test meets it.
  expect((await lecturer.request.post(`/api/offers/${offerId}/close`)).ok()).toBe(true);
  await student.context().close();
  await lecturer.context().close();
});

test('what the secretariat types in the moderation forms before the page hydrates is kept', async ({
  page,
}) => {
  await logIn(page, 'secretariat@twinning.test');
  const release = await holdAppScript(page);
  await page.goto('/secretariat/moderation', { waitUntil: 'domcontentloaded' });
  const account = page.getByLabel('Account (email address or id)');
  const offer = page.getByLabel('Offer (its link or id)');
  await account.fill('someone@example.org');
  await offer.fill('https://example.org/offers/x');
  release();
  await page.waitForLoadState('networkidle');
  await expect(account).toHaveValue('someone@example.org');
  await expect(offer).toHaveValue('https://example.org/offers/x');
});

test('only the secretariat may open moderation', async ({ page }) => {
  await page.goto('/secretariat/moderation');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsecretariat%2Fmoderation/);

  await logIn(page, 'lecturer@twinning.test');
  expect((await page.goto('/secretariat/moderation'))?.status()).toBe(403);
  expect((await page.request.get('/api/moderation')).status()).toBe(403);
});

// axe finds no WCAG 2 A/AA violation on any page, signed out and signed in.
import { test } from '@playwright/test';
import { expectAccessible, logIn } from './helpers.ts';

const publicPages = [
  '/',
  '/login',
  '/signup',
  '/signup?role=lecturer&country=JP',
  '/institutions',
  '/institutions?q=university&region=europe&verified=true',
  '/no/such/page',
];

for (const path of publicPages) {
  test(`no WCAG 2 A/AA violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test('no violation on an institution page', async ({ page }) => {
  await page.goto('/institutions?q=kyoto%20university&country=JP');
  await page.getByRole('link', { name: 'Kyoto University', exact: true }).click();
  await expectAccessible(page);
});

test('no violation on a form showing errors', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expectAccessible(page);
});

test('no violation when signed in, on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await logIn(page, 'lecturer@twinning.test');
  await expectAccessible(page);
  await page.goto('/institutions');
  await expectAccessible(page);
});

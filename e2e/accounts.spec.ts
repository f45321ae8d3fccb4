// Sign up, see your name, log out, log in again — with and without JavaScript.
import { expect, test } from '@playwright/test';
import { demoPassword, logIn, uniqueEmail } from './helpers.ts';

test('a student signs up, sees their name, logs out and logs in again', async ({ page }) => {
  const email = uniqueEmail('mia');
  await page.goto('/signup');
  await page.getByLabel('Student').check();
  await page.getByLabel('Full name').fill('Mia Chen');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner')).toContainText('Mia Chen');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText('Mia Chen');

  await logIn(page, email, 'a long enough password');
  await expect(page.getByRole('banner')).toContainText('Mia Chen');
  // The session survives a reload: it lives in the cookie, not in the page.
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Mia Chen');
});

test('sign-up shows each field error and keeps what was typed', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Student').check();
  await page.getByLabel('Full name').fill('Ana Lim');
  await page.getByLabel('Email address').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();

  const email = page.getByLabel('Email address');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveValue('not-an-email');
  await expect(page.getByLabel('Full name')).toHaveValue('Ana Lim');
  await expect(page.getByText(/at least 10 characters/).first()).toBeVisible();
});

test('a wrong password is refused with one message for both cases', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email address').fill('student@twinning.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('student@twinning.test');

  await page.getByLabel('Email address').fill('nobody@twinning.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
});

test('a lecturer finds their institution by country and is affiliated by email domain', async ({
  page,
}) => {
  await page.goto('/signup');
  await page.getByLabel('Lecturer').check();
  await page.getByLabel('Country').selectOption('JP');
  await page.getByRole('button', { name: 'Show institutions' }).click();
  const institution = page.getByLabel('Institution', { exact: true });
  await institution.selectOption({ label: 'Kyoto University' });
  await page.getByLabel('Lecturer').check();
  await page.getByLabel('Full name').fill('Haruto Sato');
  await page
    .getByLabel('Email address')
    .fill(uniqueEmail('h.sato').replace('example.org', 'kyoto-u.ac.jp'));
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('banner')).toContainText('Haruto Sato');
  await expect(page.getByText(/waiting for its institution admin/)).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-up, log-out and log-in still work', async ({ page }) => {
    const email = uniqueEmail('nojs');
    await page.goto('/signup');
    await page.getByLabel('Student').check();
    await page.getByLabel('Full name').fill('Lan Nguyen');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('banner')).toContainText('Lan Nguyen');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();

    await page.goto('/login');
    await page.getByLabel('Email address').fill('student@twinning.test');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  });
});
